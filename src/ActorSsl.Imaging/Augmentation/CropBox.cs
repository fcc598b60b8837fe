namespace ActorSsl.Imaging.Augmentation;

/// <summary>
/// An integer crop rectangle in source pixels: columns [X, X + Width), rows [Y, Y + Height).
/// Kept apart from the resampling so the random choice can be tested on its own.
/// </summary>
public readonly record struct CropBox(int X, int Y, int Width, int Height)
{
    /// <summary>True when the box is non-empty and lies inside a <paramref name="width"/> × <paramref name="height"/> image.</summary>
    public bool FitsIn(int width, int height) =>
        Width > 0 && Height > 0 && X >= 0 && Y >= 0 && X <= width - Width && Y <= height - Height;
}
