using System.Runtime.InteropServices;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace ActorSsl.Imaging.Decoding;

/// <summary>
/// Copies an opaque image decoded straight to <see cref="Rgb24"/> (JPEG has no alpha) into a <see cref="PixelImage"/>:
/// 3 channels are the decoded rows byte for byte, 1 channel is the BT.709 luma of <see cref="RgbaConversion"/>.
/// Skips the RGBA intermediate and its per-pixel alpha test.
/// </summary>
internal static class Rgb24Conversion
{
    public static void Copy(Image<Rgb24> image, PixelImage target, int channels)
    {
        target.Reset(image.Width, image.Height, channels);
        image.ProcessPixelRows(accessor =>
        {
            var pixels = target.Pixels;
            var rowBytes = accessor.Width * channels;
            for (var y = 0; y < accessor.Height; y++)
            {
                var source = MemoryMarshal.AsBytes(accessor.GetRowSpan(y));
                var destination = pixels.Slice(y * rowBytes, rowBytes);
                if (channels == 3) source.CopyTo(destination);
                else ToGray(source, destination);
            }
        });
    }

    private static void ToGray(ReadOnlySpan<byte> rgb, Span<byte> destination)
    {
        for (int x = 0, i = 0; x < destination.Length; x++, i += 3) destination[x] = RgbaConversion.Luma(rgb[i], rgb[i + 1], rgb[i + 2]);
    }
}
