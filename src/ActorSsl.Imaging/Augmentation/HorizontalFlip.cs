namespace ActorSsl.Imaging.Augmentation;

/// <summary>Mirrors a planar (CHW) working buffer left to right, in place; every row of every channel is reversed.</summary>
public static class HorizontalFlip
{
    /// <summary>Reverses each <paramref name="width"/>-long row of <paramref name="chw"/>.</summary>
    public static void Apply(Span<float> chw, int width)
    {
        if (width <= 0 || chw.Length % width != 0)
            throw new ArgumentException($"buffer of {chw.Length} floats is not a whole number of {width}-wide rows", nameof(chw));
        for (var start = 0; start < chw.Length; start += width) chw.Slice(start, width).Reverse();
    }
}
