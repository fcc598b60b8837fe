using System.Numerics;
using System.Runtime.InteropServices;

namespace ActorSsl.Imaging.Augmentation;

/// <summary>Vectorised float kernels shared by the ops (SIMD width from <see cref="Vector{T}"/>).</summary>
internal static class SpanMath
{
    /// <summary>accumulator[i] += weight × source[i] over the accumulator's length.</summary>
    public static void MultiplyAdd(ReadOnlySpan<float> source, float weight, Span<float> accumulator)
    {
        if (source.Length < accumulator.Length) throw new ArgumentException("source is shorter than the accumulator", nameof(source));
        var i = 0;
        if (Vector.IsHardwareAccelerated && accumulator.Length >= Vector<float>.Count)
        {
            var w = new Vector<float>(weight);
            var sourceVectors = MemoryMarshal.Cast<float, Vector<float>>(source[..accumulator.Length]);
            var accumulatorVectors = MemoryMarshal.Cast<float, Vector<float>>(accumulator);
            for (var v = 0; v < accumulatorVectors.Length; v++) accumulatorVectors[v] += w * sourceVectors[v];
            i = accumulatorVectors.Length * Vector<float>.Count;
        }
        for (; i < accumulator.Length; i++) accumulator[i] += weight * source[i];
    }
}
