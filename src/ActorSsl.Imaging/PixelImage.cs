namespace ActorSsl.Imaging;

/// <summary>
/// A decoded image as interleaved 8-bit pixels (HWC: row-major, <see cref="Channels"/> bytes per pixel).
/// Reusable: a worker keeps one and decodes every sample into it, so the buffer only grows.
/// </summary>
public sealed class PixelImage
{
    private byte[] _pixels = Array.Empty<byte>();

    public int Width { get; private set; }
    public int Height { get; private set; }
    public int Channels { get; private set; }

    /// <summary>The valid pixels: Width × Height × Channels bytes.</summary>
    public Span<byte> Pixels => _pixels.AsSpan(0, Width * Height * Channels);

    /// <summary>Resizes the logical image; keeps the backing array when it is large enough.</summary>
    public Span<byte> Reset(int width, int height, int channels)
    {
        if (width <= 0 || height <= 0) throw new ArgumentOutOfRangeException(nameof(width), $"image size {width}x{height} must be positive");
        if (channels is not (1 or 3)) throw new ArgumentOutOfRangeException(nameof(channels), $"channels must be 1 or 3, not {channels}");
        var needed = checked(width * height * channels);
        if (_pixels.Length < needed) _pixels = new byte[needed];
        Width = width;
        Height = height;
        Channels = channels;
        return Pixels;
    }
}
