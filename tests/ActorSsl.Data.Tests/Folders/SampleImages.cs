using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Formats;
using SixLabors.ImageSharp.Formats.Bmp;
using SixLabors.ImageSharp.Formats.Jpeg;
using SixLabors.ImageSharp.Formats.Png;
using SixLabors.ImageSharp.PixelFormats;

namespace ActorSsl.Data.Tests.Folders;

/// <summary>Small solid-colour images, encoded by ImageSharp, for folder tests.</summary>
internal static class SampleImages
{
    public static byte[] Png(byte r, byte g, byte b, int width = 6, int height = 4) => Encode(new PngEncoder(), r, g, b, width, height);

    public static byte[] Bmp(byte r, byte g, byte b) => Encode(new BmpEncoder { BitsPerPixel = BmpBitsPerPixel.Pixel24 }, r, g, b, 5, 5);

    public static byte[] Jpeg(byte gray) => Encode(new JpegEncoder { Quality = 95 }, gray, gray, gray, 16, 16);

    private static byte[] Encode(IImageEncoder encoder, byte r, byte g, byte b, int width, int height)
    {
        using var image = new Image<Rgb24>(width, height, new Rgb24(r, g, b));
        using var stream = new MemoryStream();
        image.Save(stream, encoder);
        return stream.ToArray();
    }
}
