using ActorSsl.Imaging.Decoding;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Formats.Jpeg;
using SixLabors.ImageSharp.PixelFormats;

namespace ActorSsl.Imaging.Tests.Decoding;

/// <summary>JPEG is decoded straight to RGB; the bytes must be those of the general RGBA path.</summary>
public sealed class JpegRgbPathTests : IDisposable
{
    private readonly SafeImageDecoder _decoder = new();
    private readonly PixelImage _target = new();

    public void Dispose() => _decoder.Dispose();

    [Theory]
    [InlineData(JpegColorType.YCbCrRatio420, 3)]
    [InlineData(JpegColorType.YCbCrRatio444, 3)]
    [InlineData(JpegColorType.Luminance, 3)]
    [InlineData(JpegColorType.YCbCrRatio420, 1)]
    [InlineData(JpegColorType.Luminance, 1)]
    public void Jpeg_gives_the_bytes_of_the_rgba_path(JpegColorType colorType, int channels)
    {
        using var source = TestImages.Noise(37, 29, seed: 3);
        var bytes = TestImages.Encode(source, new JpegEncoder { Quality = 90, ColorType = colorType });

        using var rgba = Image.Load<Rgba32>(bytes);
        var expected = new PixelImage();
        RgbaConversion.CopyOverWhite(rgba, expected, channels);

        Assert.True(_decoder.TryDecode(bytes, channels, _target, out var failure), failure);
        Assert.Equal((expected.Width, expected.Height, expected.Channels), (_target.Width, _target.Height, _target.Channels));
        Assert.Equal(expected.Pixels.ToArray(), _target.Pixels.ToArray());
    }
}
