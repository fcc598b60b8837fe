using System.Numerics;
using System.Runtime.InteropServices;

namespace ActorSsl.Imaging.Augmentation;

/// <summary>
/// The vertical step of resampling: a weighted sum of a few uint8 source rows into one float row,
/// accumulator[k] = Σₜ weights[t] · pixels[start + t · stride + k], summed in tap order from the first product (the
/// float operations of a plain loop). SIMD: one <see cref="Vector{T}"/> of bytes is widened to four float vectors
/// whose sums stay in registers across the taps.
/// </summary>
internal static class RowBlend
{
    /// <summary>Fills <paramref name="accumulator"/> from the rows starting at <paramref name="start"/>, <paramref name="stride"/> bytes apart.</summary>
    public static void Apply(ReadOnlySpan<byte> pixels, int start, int stride, ReadOnlySpan<float> weights, Span<float> accumulator)
    {
        var taps = weights.Length;
        var length = accumulator.Length;
        if (taps == 0) throw new ArgumentException("no row weights", nameof(weights));
        if (start < 0 || stride < 0 || (long)start + (long)(taps - 1) * stride + length > pixels.Length)
            throw new ArgumentOutOfRangeException(nameof(start), $"{taps} rows of {length} bytes from {start} (stride {stride}) overrun {pixels.Length} bytes");

        var k = 0;
        var chunk = Vector<byte>.Count;
        var width = Vector<float>.Count;
        if (Vector.IsHardwareAccelerated)
        {
            // Bounds were checked above for the last row, so every load below stays inside pixels.
            ref var source = ref MemoryMarshal.GetReference(pixels);
            ref var target = ref MemoryMarshal.GetReference(accumulator);
            for (; k + chunk <= length; k += chunk)
            {
                var weight = new Vector<float>(weights[0]);
                Widen(Vector.LoadUnsafe(ref source, (nuint)(start + k)), out var v0, out var v1, out var v2, out var v3);
                var a0 = weight * v0;
                var a1 = weight * v1;
                var a2 = weight * v2;
                var a3 = weight * v3;
                for (var t = 1; t < taps; t++)
                {
                    weight = new Vector<float>(weights[t]);
                    Widen(Vector.LoadUnsafe(ref source, (nuint)(start + t * stride + k)), out v0, out v1, out v2, out v3);
                    a0 += weight * v0;
                    a1 += weight * v1;
                    a2 += weight * v2;
                    a3 += weight * v3;
                }
                a0.StoreUnsafe(ref target, (nuint)k);
                a1.StoreUnsafe(ref target, (nuint)(k + width));
                a2.StoreUnsafe(ref target, (nuint)(k + 2 * width));
                a3.StoreUnsafe(ref target, (nuint)(k + 3 * width));
            }
        }
        for (; k < length; k++)
        {
            var sum = weights[0] * pixels[start + k];
            for (var t = 1; t < taps; t++) sum += weights[t] * pixels[start + t * stride + k];
            accumulator[k] = sum;
        }
    }

    private static void Widen(Vector<byte> bytes, out Vector<float> v0, out Vector<float> v1, out Vector<float> v2, out Vector<float> v3)
    {
        Vector.Widen(bytes, out var low, out var high);
        Vector.Widen(low, out var a, out var b);
        Vector.Widen(high, out var c, out var d);
        v0 = Vector.ConvertToSingle(Vector.AsVectorInt32(a));
        v1 = Vector.ConvertToSingle(Vector.AsVectorInt32(b));
        v2 = Vector.ConvertToSingle(Vector.AsVectorInt32(c));
        v3 = Vector.ConvertToSingle(Vector.AsVectorInt32(d));
    }
}
