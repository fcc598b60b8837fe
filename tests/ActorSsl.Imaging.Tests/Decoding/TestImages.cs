using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Formats;
using SixLabors.ImageSharp.PixelFormats;

namespace ActorSsl.Imaging.Tests.Decoding;

/// <summary>Builds small deterministic images and encodes them with ImageSharp for decoder tests.</summary>
internal static class TestImages
{
    /// <summary>A W×H RGB image whose pixel (x, y) is <see cref="RgbAt"/>(x, y).</summary>
    public static Image<Rgb24> Rgb(int width, int height)
    {
        var image = new Image<Rgb24>(width, height);
        for (var y = 0; y < height; y++)
        for (var x = 0; x < width; x++)
            image[x, y] = RgbAt(x, y);
        return image;
    }

    public static Rgb24 RgbAt(int x, int y) => new((byte)(x * 7 + y), (byte)(y * 11 + 3), (byte)((x * y) % 251));

    /// <summary>A noisy image (compresses poorly), so truncation tests cut through real pixel data.</summary>
    public static Image<Rgb24> Noise(int width, int height, int seed = 1)
    {
        var random = new Random(seed);
        var image = new Image<Rgb24>(width, height);
        for (var y = 0; y < height; y++)
        for (var x = 0; x < width; x++)
            image[x, y] = new Rgb24((byte)random.Next(256), (byte)(x + y), (byte)random.Next(256));
        return image;
    }

    public static byte[] Encode(Image image, IImageEncoder encoder)
    {
        using var stream = new MemoryStream();
        image.Save(stream, encoder);
        return stream.ToArray();
    }

    /// <summary>The 1-channel value the decoder must produce for an opaque RGB pixel (BT.709 luma, rounded).</summary>
    public static int Luma(Rgb24 p) => (int)Math.Round(0.2126 * p.R + 0.7152 * p.G + 0.0722 * p.B, MidpointRounding.AwayFromZero);

    /// <summary>Asserts a decoded gray value is the luma of <paramref name="p"/> (±1 for fixed-point rounding).</summary>
    public static void AssertLuma(Rgb24 p, byte actual) => Assert.InRange(actual, Luma(p) - 1, Luma(p) + 1);

    public static (int R, int G, int B) Tuple(Rgb24 p) => (p.R, p.G, p.B);

    public static (int R, int G, int B) At(PixelImage image, int x, int y)
    {
        var i = (y * image.Width + x) * image.Channels;
        var p = image.Pixels;
        return image.Channels == 3 ? (p[i], p[i + 1], p[i + 2]) : (p[i], p[i], p[i]);
    }
}
