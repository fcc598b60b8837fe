using System.Numerics;

namespace ActorSsl.Imaging.Augmentation;

/// <summary>Helpers for the float [0, 1] working representation shared by the ops.</summary>
internal static class UnitFloat
{
    public static float Clamp01(float value) => value > 0f ? (value < 1f ? value : 1f) : 0f;

    /// <summary>Every lane clamped into [0, 1]; the same as the scalar <see cref="Clamp01(float)"/> for non-NaN lanes.</summary>
    public static Vector<float> Clamp01(Vector<float> value) => Vector.Min(Vector.Max(value, Vector<float>.Zero), Vector<float>.One);

    /// <summary>
    /// Scales to 0..255, rounds half up and clamps; NaN becomes 0. SIMD over whole <see cref="Vector{T}"/> of bytes:
    /// clamp to [0, 255], add 0.5 and truncate, which equals the scalar rounding for every value.
    /// </summary>
    public static void ToBytes(ReadOnlySpan<float> source, Span<byte> destination)
    {
        if (destination.Length < source.Length) throw new ArgumentException("destination is shorter than the source", nameof(destination));
        var i = 0;
        var width = Vector<float>.Count;
        if (Vector.IsHardwareAccelerated)
        {
            var scale = new Vector<float>(255f);
            var half = new Vector<float>(0.5f);
            for (; i + 4 * width <= source.Length; i += 4 * width)
            {
                var a = Quantise(new Vector<float>(source.Slice(i)), scale, half);
                var b = Quantise(new Vector<float>(source.Slice(i + width)), scale, half);
                var c = Quantise(new Vector<float>(source.Slice(i + 2 * width)), scale, half);
                var d = Quantise(new Vector<float>(source.Slice(i + 3 * width)), scale, half);
                Vector.Narrow(Vector.Narrow(a, b), Vector.Narrow(c, d)).CopyTo(destination.Slice(i));
            }
        }
        for (; i < source.Length; i++)
        {
            var v = source[i] * 255f;
            destination[i] = v > 0f ? (v < 255f ? (byte)(v + 0.5f) : (byte)255) : (byte)0;
        }
    }

    /// <summary>Length of one channel plane of a planar buffer with 1 or 3 channels; throws when the shape is wrong.</summary>
    public static int PlaneLength(Span<float> chw, int channels)
    {
        if (channels is not (1 or 3)) throw new ArgumentOutOfRangeException(nameof(channels), $"channels must be 1 or 3, not {channels}");
        if (chw.Length == 0 || chw.Length % channels != 0)
            throw new ArgumentException($"buffer of {chw.Length} floats does not hold {channels} equal planes", nameof(chw));
        return chw.Length / channels;
    }

    // 0..255 as uint lanes; NaN ends up as 0 after narrowing (its int conversion has a zero low byte).
    private static Vector<uint> Quantise(Vector<float> value, Vector<float> scale, Vector<float> half)
    {
        var clamped = Vector.Min(Vector.Max(value * scale, Vector<float>.Zero), scale);
        return Vector.AsVectorUInt32(Vector.ConvertToInt32(clamped + half));
    }
}
