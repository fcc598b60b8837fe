using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Formats.Jpeg;
using SixLabors.ImageSharp.Formats.Png;
using SixLabors.ImageSharp.PixelFormats;

namespace ActorSsl.Imaging.Benchmarks;

/// <summary>
/// A deterministic photo-like RGB picture for benchmarks that need an encoded image without shipping one: smooth
/// colour gradients, a few dozen filled ellipses with hard edges, and pixel noise, so a JPEG of it costs about what a
/// camera photo of the same size costs to decode (a flat or random image would be much cheaper or dearer).
/// The same (width, height, seed) always gives the same pixels and the same encoded bytes.
/// </summary>
public static class SyntheticPhoto
{
    /// <summary>Width of the default picture: a typical ImageNet photo is about 500 × 375.</summary>
    public const int DefaultWidth = 500;

    /// <summary>Height of the default picture.</summary>
    public const int DefaultHeight = 375;

    /// <summary>The picture's pixels.</summary>
    public static Image<Rgb24> Create(int width = DefaultWidth, int height = DefaultHeight, int seed = 7)
    {
        if (width <= 0 || height <= 0) throw new ArgumentOutOfRangeException(nameof(width), $"picture size {width}x{height} must be positive");
        var random = new Random(seed);
        var red = new float[width * height];
        var green = new float[width * height];
        var blue = new float[width * height];
        for (var y = 0; y < height; y++)
        for (var x = 0; x < width; x++)
        {
            var i = y * width + x;
            red[i] = 128 + 100 * MathF.Sin(x / 47f);
            green[i] = 128 + 100 * MathF.Cos(y / 31f);
            blue[i] = 128 + 60 * MathF.Sin((x + y) / 71f);
        }
        for (var shape = 0; shape < 25; shape++) FillEllipse(random, width, height, red, green, blue);

        var image = new Image<Rgb24>(width, height);
        for (var y = 0; y < height; y++)
        for (var x = 0; x < width; x++)
        {
            var i = y * width + x;
            image[x, y] = new Rgb24(Noisy(red[i], random), Noisy(green[i], random), Noisy(blue[i], random));
        }
        return image;
    }

    /// <summary>The picture as a baseline JPEG of <paramref name="quality"/> (4:2:0, as cameras and ImageNet files).</summary>
    public static byte[] Jpeg(int width = DefaultWidth, int height = DefaultHeight, int quality = 90, int seed = 7)
    {
        using var image = Create(width, height, seed);
        using var stream = new MemoryStream();
        image.Save(stream, new JpegEncoder { Quality = quality, ColorType = JpegColorType.YCbCrRatio420 });
        return stream.ToArray();
    }

    /// <summary>The picture as an 8-bit RGB PNG.</summary>
    public static byte[] Png(int width = DefaultWidth, int height = DefaultHeight, int seed = 7)
    {
        using var image = Create(width, height, seed);
        using var stream = new MemoryStream();
        image.Save(stream, new PngEncoder { ColorType = PngColorType.Rgb, BitDepth = PngBitDepth.Bit8 });
        return stream.ToArray();
    }

    private static void FillEllipse(Random random, int width, int height, float[] red, float[] green, float[] blue)
    {
        var cx = random.Next(width);
        var cy = random.Next(height);
        var rx = 5 + random.Next(Math.Max(1, width / 8));
        var ry = 5 + random.Next(Math.Max(1, height / 8));
        float r = random.Next(256), g = random.Next(256), b = random.Next(256);
        for (var y = Math.Max(0, cy - ry); y < Math.Min(height, cy + ry + 1); y++)
        for (var x = Math.Max(0, cx - rx); x < Math.Min(width, cx + rx + 1); x++)
        {
            var dx = (x - cx) / (float)rx;
            var dy = (y - cy) / (float)ry;
            if (dx * dx + dy * dy > 1f) continue;
            var i = y * width + x;
            red[i] = r;
            green[i] = g;
            blue[i] = b;
        }
    }

    private static byte Noisy(float value, Random random)
    {
        // Roughly Gaussian noise (sum of three uniforms, σ ≈ 12), as sensor noise.
        var noise = (random.NextSingle() + random.NextSingle() + random.NextSingle() - 1.5f) * 24f;
        return (byte)Math.Clamp(MathF.Round(value + noise), 0f, 255f);
    }
}
