using System.Numerics;

namespace ActorSsl.Imaging.Augmentation;

/// <summary>
/// Grayscale conversion for the random-grayscale step: ITU-R 601 luma (0.299 R + 0.587 G + 0.114 B, as PIL)
/// replicated into all three channels so the view keeps its shape. A no-op on 1-channel buffers.
/// </summary>
public static class RandomGrayscale
{
    /// <summary>Luma weight of red.</summary>
    public const float RedWeight = 0.299f;

    /// <summary>Luma weight of green.</summary>
    public const float GreenWeight = 0.587f;

    /// <summary>Luma weight of blue.</summary>
    public const float BlueWeight = 0.114f;

    /// <summary>Luma of one RGB pixel.</summary>
    public static float Luma(float r, float g, float b) => RedWeight * r + GreenWeight * g + BlueWeight * b;

    /// <summary>Replaces every pixel of the planar buffer by its luma (SIMD, the same float operations lane by lane).</summary>
    public static void Apply(Span<float> chw, int channels)
    {
        var plane = UnitFloat.PlaneLength(chw, channels);
        if (channels == 1) return;
        var red = chw[..plane];
        var green = chw.Slice(plane, plane);
        var blue = chw.Slice(2 * plane, plane);
        var i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            var wr = new Vector<float>(RedWeight);
            var wg = new Vector<float>(GreenWeight);
            var wb = new Vector<float>(BlueWeight);
            for (; i + Vector<float>.Count <= plane; i += Vector<float>.Count)
            {
                var y = UnitFloat.Clamp01(wr * new Vector<float>(red.Slice(i)) + wg * new Vector<float>(green.Slice(i)) +
                    wb * new Vector<float>(blue.Slice(i)));
                y.CopyTo(red.Slice(i));
                y.CopyTo(green.Slice(i));
                y.CopyTo(blue.Slice(i));
            }
        }
        for (; i < plane; i++)
        {
            var y = UnitFloat.Clamp01(Luma(red[i], green[i], blue[i]));
            red[i] = y;
            green[i] = y;
            blue[i] = y;
        }
    }
}
