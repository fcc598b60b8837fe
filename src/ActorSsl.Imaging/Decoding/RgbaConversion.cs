using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace ActorSsl.Imaging.Decoding;

/// <summary>
/// Copies a decoded RGBA image into a <see cref="PixelImage"/> with 1 or 3 channels, compositing any alpha over
/// WHITE (straight alpha: out = c·a + 255·(1 − a)). Opaque pixels are copied exactly. Grayscale uses BT.709 luma
/// (the coefficients of ImageSharp's L8 conversion), in integer arithmetic so gray inputs (r = g = b) stay exact.
/// </summary>
internal static class RgbaConversion
{
    // BT.709 luma weights scaled to 2^15: 0.2126, 0.7152, 0.0722 (sum 32768).
    private const int WeightR = 6966, WeightG = 23436, WeightB = 2366, Shift = 15;

    public static void CopyOverWhite(Image<Rgba32> image, PixelImage target, int channels)
    {
        target.Reset(image.Width, image.Height, channels);
        image.ProcessPixelRows(accessor =>
        {
            var pixels = target.Pixels;
            var rowBytes = accessor.Width * channels;
            for (var y = 0; y < accessor.Height; y++)
            {
                var destination = pixels.Slice(y * rowBytes, rowBytes);
                if (channels == 3) ToRgb(accessor.GetRowSpan(y), destination);
                else ToGray(accessor.GetRowSpan(y), destination);
            }
        });
    }

    private static void ToRgb(ReadOnlySpan<Rgba32> source, Span<byte> destination)
    {
        for (int x = 0, o = 0; x < source.Length; x++, o += 3)
        {
            var p = source[x];
            if (p.A != 255) p = OverWhite(p);
            destination[o] = p.R;
            destination[o + 1] = p.G;
            destination[o + 2] = p.B;
        }
    }

    private static void ToGray(ReadOnlySpan<Rgba32> source, Span<byte> destination)
    {
        for (var x = 0; x < source.Length; x++)
        {
            var p = source[x];
            if (p.A != 255) p = OverWhite(p);
            destination[x] = Luma(p.R, p.G, p.B);
        }
    }

    /// <summary>BT.709 luma of an opaque pixel, rounded (fixed point, exact for r = g = b).</summary>
    public static byte Luma(byte r, byte g, byte b) => (byte)((r * WeightR + g * WeightG + b * WeightB + (1 << (Shift - 1))) >> Shift);

    private static Rgba32 OverWhite(Rgba32 p)
    {
        int a = p.A, white = 255 * (255 - a) + 127;
        return new Rgba32((byte)((p.R * a + white) / 255), (byte)((p.G * a + white) / 255), (byte)((p.B * a + white) / 255), 255);
    }
}
