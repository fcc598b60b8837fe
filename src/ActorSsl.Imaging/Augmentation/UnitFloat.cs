namespace ActorSsl.Imaging.Augmentation;

/// <summary>Helpers for the float [0, 1] working representation shared by the ops.</summary>
internal static class UnitFloat
{
    public static float Clamp01(float value) => value > 0f ? (value < 1f ? value : 1f) : 0f;

    /// <summary>Scales to 0..255, rounds half up and clamps; NaN becomes 0.</summary>
    public static void ToBytes(ReadOnlySpan<float> source, Span<byte> destination)
    {
        for (var i = 0; i < source.Length; i++)
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
}
