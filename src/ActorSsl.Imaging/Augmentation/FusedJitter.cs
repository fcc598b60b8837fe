using System.Numerics;
using System.Runtime.CompilerServices;

namespace ActorSsl.Imaging.Augmentation;

/// <summary>
/// Colour jitter in at most two sweeps over the planes instead of one per component, with the arithmetic of the
/// sequential <see cref="ColorJitter"/>.Adjust* methods: <see cref="Vector{T}.Count"/> pixels at a time go through
/// the active components in their drawn order in registers, clamped to [0, 1] after each component as torchvision
/// does (so the components are chained, not folded into one matrix, which would drop those clamps). Contrast needs
/// the mean luma of the image as it stands when contrast runs: the components before contrast run in a first sweep
/// that also sums that luma (<see cref="FourWaySum"/>, the rule <see cref="ColorJitter.AdjustContrast"/> uses), and
/// contrast with the components after it runs in the second sweep. Without contrast there is one sweep.
/// </summary>
internal static class FusedJitter
{
    /// <summary>Applies <paramref name="parameters"/> to a planar float [0, 1] buffer of 1 or 3 channels, in place.</summary>
    public static void Apply(Span<float> chw, int channels, in JitterParameters parameters)
    {
        var plane = UnitFloat.PlaneLength(chw, channels);
        Span<JitterOp> ops = stackalloc JitterOp[4];
        var count = 0;
        var contrastAt = -1;
        for (var position = 0; position < 4; position++)
        {
            var op = parameters.OpAt(position);
            if (!IsActive(op, parameters, channels)) continue;
            if (op == JitterOp.Contrast) contrastAt = count;
            ops[count++] = op;
        }
        if (count == 0) return;

        var steps = new Steps(parameters);
        if (contrastAt < 0)
        {
            Sweep(chw, channels, plane, ops[..count], steps, sumLuma: false);
            return;
        }
        var sum = Sweep(chw, channels, plane, ops[..contrastAt], steps, sumLuma: true);
        steps.ContrastOffset = new Vector<float>((1f - parameters.ContrastFactor) * (float)(sum / plane));
        Sweep(chw, channels, plane, ops[contrastAt..count], steps, sumLuma: false);
    }

    /// <summary>Components at identity, and saturation and hue on one channel, change nothing and are skipped.</summary>
    private static bool IsActive(JitterOp op, in JitterParameters parameters, int channels) => op switch
    {
        JitterOp.Brightness => parameters.BrightnessFactor != 1f,
        JitterOp.Contrast => parameters.ContrastFactor != 1f,
        JitterOp.Saturation => channels == 3 && parameters.SaturationFactor != 1f,
        _ => channels == 3 && parameters.HueShift != 0f,
    };

    /// <summary>
    /// Runs <paramref name="ops"/> over every pixel and returns the sum of the resulting lumas (plain values on one
    /// channel) when <paramref name="sumLuma"/> is set. A tail shorter than a vector runs in a zero-padded copy.
    /// </summary>
    private static double Sweep(Span<float> chw, int channels, int plane, ReadOnlySpan<JitterOp> ops, in Steps steps, bool sumLuma)
    {
        var width = Vector<float>.Count;
        var gray = channels == 1;
        var red = chw[..plane];
        var green = gray ? red : chw.Slice(plane, plane);
        var blue = gray ? red : chw.Slice(2 * plane, plane);
        var write = !ops.IsEmpty;
        var sum = new FourWaySum();
        var i = 0;
        for (; i + width <= plane; i += width)
        {
            var r = new Vector<float>(red.Slice(i));
            var g = gray ? r : new Vector<float>(green.Slice(i));
            var b = gray ? r : new Vector<float>(blue.Slice(i));
            Run(ops, steps, gray, ref r, ref g, ref b);
            if (write)
            {
                r.CopyTo(red.Slice(i));
                if (!gray)
                {
                    g.CopyTo(green.Slice(i));
                    b.CopyTo(blue.Slice(i));
                }
            }
            if (sumLuma) sum.Add(gray ? r : Luma(r, g, b), width);
        }
        if (i == plane) return sum.Total;

        var tail = plane - i;
        Span<float> padded = stackalloc float[3 * width];
        red.Slice(i).CopyTo(padded);
        green.Slice(i).CopyTo(padded.Slice(width));
        blue.Slice(i).CopyTo(padded.Slice(2 * width));
        var tr = new Vector<float>(padded);
        var tg = new Vector<float>(padded.Slice(width));
        var tb = new Vector<float>(padded.Slice(2 * width));
        Run(ops, steps, gray, ref tr, ref tg, ref tb);
        tr.CopyTo(padded);
        tg.CopyTo(padded.Slice(width));
        tb.CopyTo(padded.Slice(2 * width));
        if (write)
        {
            padded[..tail].CopyTo(red.Slice(i));
            if (!gray)
            {
                padded.Slice(width, tail).CopyTo(green.Slice(i));
                padded.Slice(2 * width, tail).CopyTo(blue.Slice(i));
            }
        }
        if (sumLuma) sum.Add(gray ? tr : Luma(tr, tg, tb), tail);
        return sum.Total;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Run(ReadOnlySpan<JitterOp> ops, in Steps steps, bool gray, ref Vector<float> r, ref Vector<float> g, ref Vector<float> b)
    {
        foreach (var op in ops)
        {
            switch (op)
            {
                case JitterOp.Brightness:
                    r = UnitFloat.Clamp01(r * steps.Brightness);
                    if (gray) break;
                    g = UnitFloat.Clamp01(g * steps.Brightness);
                    b = UnitFloat.Clamp01(b * steps.Brightness);
                    break;
                case JitterOp.Contrast:
                    r = UnitFloat.Clamp01(steps.Contrast * r + steps.ContrastOffset);
                    if (gray) break;
                    g = UnitFloat.Clamp01(steps.Contrast * g + steps.ContrastOffset);
                    b = UnitFloat.Clamp01(steps.Contrast * b + steps.ContrastOffset);
                    break;
                case JitterOp.Saturation:
                    var luma = steps.SaturationKeep * Luma(r, g, b);
                    r = UnitFloat.Clamp01(steps.Saturation * r + luma);
                    g = UnitFloat.Clamp01(steps.Saturation * g + luma);
                    b = UnitFloat.Clamp01(steps.Saturation * b + luma);
                    break;
                case JitterOp.Hue:
                    HueRotation.Rotate(ref r, ref g, ref b, steps.Hue);
                    break;
            }
        }
    }

    /// <summary><see cref="RandomGrayscale.Luma"/> lane by lane.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector<float> Luma(Vector<float> r, Vector<float> g, Vector<float> b) =>
        new Vector<float>(RandomGrayscale.RedWeight) * r + new Vector<float>(RandomGrayscale.GreenWeight) * g +
        new Vector<float>(RandomGrayscale.BlueWeight) * b;

    /// <summary>The parameters broadcast to vectors, plus the contrast offset once the mean is known.</summary>
    private struct Steps
    {
        public readonly Vector<float> Brightness, Contrast, Saturation, SaturationKeep, Hue;
        public Vector<float> ContrastOffset;

        public Steps(in JitterParameters parameters)
        {
            Brightness = new Vector<float>(parameters.BrightnessFactor);
            Contrast = new Vector<float>(parameters.ContrastFactor);
            Saturation = new Vector<float>(parameters.SaturationFactor);
            SaturationKeep = new Vector<float>(1f - parameters.SaturationFactor);
            Hue = new Vector<float>(parameters.HueShift);
            ContrastOffset = Vector<float>.Zero;
        }
    }
}
