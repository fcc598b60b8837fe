using ActorSsl.Imaging;

namespace ActorSsl.Imaging.Tests.Augmentation;

/// <summary>Small hand-written and synthetic images for the augmentation tests.</summary>
internal static class TestImages
{
    /// <summary>An image from interleaved HWC bytes.</summary>
    public static PixelImage FromHwc(int width, int height, int channels, params byte[] hwc)
    {
        Assert.Equal(width * height * channels, hwc.Length);
        var image = new PixelImage();
        hwc.CopyTo(image.Reset(width, height, channels));
        return image;
    }

    /// <summary>A deterministic noisy gradient, so every crop, flip and colour change shows in the bytes.</summary>
    public static PixelImage Texture(int width, int height, int channels)
    {
        var image = new PixelImage();
        var pixels = image.Reset(width, height, channels);
        for (var y = 0; y < height; y++)
        for (var x = 0; x < width; x++)
        for (var c = 0; c < channels; c++)
        {
            var noise = (uint)(x * 73856093) ^ (uint)(y * 19349663) ^ (uint)(c * 83492791);
            pixels[(y * width + x) * channels + c] = (byte)((x * 255 / width + y * 128 / height + c * 60 + (noise >> 7) % 64) & 255);
        }
        return image;
    }

    /// <summary>The source bytes rearranged to CHW: what an identity view must produce.</summary>
    public static byte[] ToChw(PixelImage image)
    {
        var plane = image.Width * image.Height;
        var chw = new byte[plane * image.Channels];
        for (var p = 0; p < plane; p++)
        for (var c = 0; c < image.Channels; c++)
            chw[c * plane + p] = image.Pixels[p * image.Channels + c];
        return chw;
    }

    /// <summary>Asserts element-wise closeness with a readable index on failure.</summary>
    public static void AssertClose(ReadOnlySpan<float> expected, ReadOnlySpan<float> actual, float tolerance = 1e-5f)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (var i = 0; i < expected.Length; i++)
        {
            Assert.True(Math.Abs(expected[i] - actual[i]) <= tolerance, $"index {i}: expected {expected[i]}, got {actual[i]}");
        }
    }
}
