namespace ActorSsl.Imaging.Decoding;

/// <summary>
/// Resource limits applied by <see cref="SafeImageDecoder"/> before any pixel memory is allocated.
/// The defaults accept any realistic photo (up to ~40 megapixels) and reject decompression bombs.
/// </summary>
public sealed record DecoderLimits
{
    /// <summary>Largest encoded file accepted, in bytes (default 64 MiB). Checked before the file is read.</summary>
    public long MaxFileBytes { get; init; } = 64L * 1024 * 1024;

    /// <summary>Largest width the header may claim (default 16384).</summary>
    public int MaxWidth { get; init; } = 16384;

    /// <summary>Largest height the header may claim (default 16384).</summary>
    public int MaxHeight { get; init; } = 16384;

    /// <summary>Largest width × height the header may claim (default 40 million).</summary>
    public long MaxPixels { get; init; } = 40_000_000;

    /// <summary>The default limits.</summary>
    public static DecoderLimits Default { get; } = new();

    /// <summary>Upper bound for <see cref="MaxPixels"/>: a decoded RGBA intermediate must fit in one .NET array.</summary>
    public const long MaxSupportedPixels = int.MaxValue / 4;

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> naming the first limit that is out of range.</summary>
    public void Validate()
    {
        if (MaxFileBytes < 1 || MaxFileBytes > Array.MaxLength)
            throw new ArgumentOutOfRangeException(nameof(MaxFileBytes), MaxFileBytes, $"MaxFileBytes must be between 1 and {Array.MaxLength:N0}");
        if (MaxWidth < 1)
            throw new ArgumentOutOfRangeException(nameof(MaxWidth), MaxWidth, "MaxWidth must be at least 1");
        if (MaxHeight < 1)
            throw new ArgumentOutOfRangeException(nameof(MaxHeight), MaxHeight, "MaxHeight must be at least 1");
        if (MaxPixels < 1 || MaxPixels > MaxSupportedPixels)
            throw new ArgumentOutOfRangeException(nameof(MaxPixels), MaxPixels, $"MaxPixels must be between 1 and {MaxSupportedPixels:N0}");
    }
}
