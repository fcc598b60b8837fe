using System.Numerics;
using System.Runtime.InteropServices;

namespace ActorSsl.Imaging.Augmentation;

/// <summary>
/// One 1-D pass of a convolution: output[x] = Σₖ weights[k] · source[offsets[k] + x], summed in tap order from the
/// first product, so every element gets the float operations of a plain loop over the taps. SIMD: four vectors of
/// outputs keep their sums in registers across all taps (one load and one multiply-add per vector and tap, no
/// accumulator traffic through memory; four independent chains hide the latency of the adds).
/// </summary>
internal static class TapConvolution
{
    /// <summary>Fills <paramref name="output"/>; every offset must leave room for output.Length source values.</summary>
    public static void Apply(ReadOnlySpan<float> source, ReadOnlySpan<int> offsets, ReadOnlySpan<float> weights, Span<float> output)
    {
        var taps = weights.Length;
        if (taps == 0 || offsets.Length != taps)
            throw new ArgumentException($"{offsets.Length} offsets for {taps} weights", nameof(offsets));
        var length = output.Length;
        foreach (var offset in offsets)
        {
            if (offset < 0 || offset > source.Length - length)
                throw new ArgumentOutOfRangeException(nameof(offsets), $"offset {offset} + {length} outputs overrun {source.Length} source values");
        }

        var x = 0;
        var width = Vector<float>.Count;
        if (Vector.IsHardwareAccelerated)
        {
            // Bounds were checked above for every offset, so the loads below stay inside source.
            ref var first = ref MemoryMarshal.GetReference(source);
            ref var target = ref MemoryMarshal.GetReference(output);
            for (; x + 4 * width <= length; x += 4 * width)
            {
                var weight = new Vector<float>(weights[0]);
                var at = (nuint)(offsets[0] + x);
                var a = weight * Vector.LoadUnsafe(ref first, at);
                var b = weight * Vector.LoadUnsafe(ref first, at + (nuint)width);
                var c = weight * Vector.LoadUnsafe(ref first, at + (nuint)(2 * width));
                var d = weight * Vector.LoadUnsafe(ref first, at + (nuint)(3 * width));
                for (var k = 1; k < taps; k++)
                {
                    weight = new Vector<float>(weights[k]);
                    at = (nuint)(offsets[k] + x);
                    a += weight * Vector.LoadUnsafe(ref first, at);
                    b += weight * Vector.LoadUnsafe(ref first, at + (nuint)width);
                    c += weight * Vector.LoadUnsafe(ref first, at + (nuint)(2 * width));
                    d += weight * Vector.LoadUnsafe(ref first, at + (nuint)(3 * width));
                }
                a.StoreUnsafe(ref target, (nuint)x);
                b.StoreUnsafe(ref target, (nuint)(x + width));
                c.StoreUnsafe(ref target, (nuint)(x + 2 * width));
                d.StoreUnsafe(ref target, (nuint)(x + 3 * width));
            }
            for (; x + width <= length; x += width)
            {
                var sum = new Vector<float>(weights[0]) * Vector.LoadUnsafe(ref first, (nuint)(offsets[0] + x));
                for (var k = 1; k < taps; k++) sum += new Vector<float>(weights[k]) * Vector.LoadUnsafe(ref first, (nuint)(offsets[k] + x));
                sum.StoreUnsafe(ref target, (nuint)x);
            }
        }
        for (; x < length; x++)
        {
            var sum = weights[0] * source[offsets[0] + x];
            for (var k = 1; k < taps; k++) sum += weights[k] * source[offsets[k] + x];
            output[x] = sum;
        }
    }
}
