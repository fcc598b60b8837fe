using System.Numerics;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Formats;
using SixLabors.ImageSharp.Formats.Jpeg;
using SixLabors.ImageSharp.Memory;
using SixLabors.ImageSharp.PixelFormats;

namespace ActorSsl.Imaging.Decoding;

/// <summary>
/// Decodes untrusted image files into a <see cref="PixelImage"/> with 1 or 3 channels, returning a one-line
/// reason instead of throwing for anything wrong with the content. Steps, cheapest first:
/// size check → format sniffing → header-only Identify → width/height/pixel limits → truncation walk
/// (<see cref="ImageCompleteness"/>) → single-threaded full decode with a bounded allocator.
/// JPEG (no alpha) is decoded straight to RGB (<see cref="Rgb24Conversion"/>); every other source (grayscale,
/// palette, 16-bit, alpha…) is decoded as RGBA and converted by <see cref="RgbaConversion"/>: alpha is composited
/// over white. Grayscale output uses BT.709 luma either way.
/// Only the first frame of animated GIF/TIFF is decoded; EXIF orientation is not applied.
/// NOT thread-safe: it reuses a file buffer. Keep one instance per worker thread.
/// </summary>
public sealed class SafeImageDecoder : IDisposable
{
    private readonly Configuration _configuration;
    private byte[] _fileBuffer = Array.Empty<byte>();
    private bool _disposed;

    /// <summary>Creates a decoder; <paramref name="limits"/> defaults to <see cref="DecoderLimits.Default"/>.</summary>
    public SafeImageDecoder(DecoderLimits? limits = null)
    {
        Limits = limits ?? DecoderLimits.Default;
        Limits.Validate();
        _configuration = DecoderConfiguration.Create(Limits);
    }

    /// <summary>The limits this decoder enforces.</summary>
    public DecoderLimits Limits { get; }

    /// <summary>
    /// Reads and decodes the file at <paramref name="path"/>. The size on disk is checked before anything is read;
    /// the bytes go into a buffer reused across calls (it grows up to <see cref="DecoderLimits.MaxFileBytes"/>).
    /// </summary>
    public bool TryDecodeFile(string path, int channels, PixelImage target, out string? failure)
    {
        ArgumentNullException.ThrowIfNull(path);
        CheckArguments(channels, target);
        int length;
        try
        {
            var info = new FileInfo(path);
            if (!info.Exists) return Fail(Directory.Exists(path) ? "is a directory, not a file" : "file not found", out failure);
            if (info.Length > Limits.MaxFileBytes) return Fail(TooLarge("file", info.Length), out failure);
            if (info.Length == 0) return Fail("empty file (0 bytes)", out failure);

            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1, FileOptions.SequentialScan);
            var expected = (int)info.Length;
            if (_fileBuffer.Length < expected)
                _fileBuffer = new byte[Math.Min((long)BitOperations.RoundUpToPowerOf2((uint)expected), Limits.MaxFileBytes)];
            length = stream.ReadAtLeast(_fileBuffer.AsSpan(0, expected), expected, throwOnEndOfStream: false);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return Fail($"cannot read file: {OneLine(e.Message)}", out failure);
        }
        return TryDecode(_fileBuffer.AsSpan(0, length), channels, target, out failure);
    }

    /// <summary>Decodes an encoded image held in memory into <paramref name="target"/> (resized to fit).</summary>
    public bool TryDecode(ReadOnlySpan<byte> encoded, int channels, PixelImage target, out string? failure)
    {
        CheckArguments(channels, target);
        if (encoded.IsEmpty) return Fail("empty file (0 bytes)", out failure);
        if (encoded.Length > Limits.MaxFileBytes) return Fail(TooLarge("encoded image", encoded.Length), out failure);

        var format = Image.DetectFormat(_configuration, encoded);
        if (format is null) return Fail($"unknown image format (first bytes {Hex(encoded)})", out failure);

        IImageInfo? info;
        try
        {
            info = Identify(encoded);
        }
        catch (Exception e)
        {
            // A header cut short often fails here; prefer the precise truncation reason when there is one.
            return Fail(FindTruncation(encoded, format) ?? Reason(e, format), out failure);
        }
        if (info is null) return Fail($"cannot read the {format.Name} header", out failure);

        var limitFailure = CheckLimits(info.Width, info.Height);
        if (limitFailure is not null) return Fail(limitFailure, out failure);

        var truncation = FindTruncation(encoded, format);
        if (truncation is not null) return Fail(truncation, out failure);

        Image image;
        try
        {
            // JPEG has no alpha: decoding straight to RGB skips the RGBA intermediate and its per-pixel alpha test.
            image = format is JpegFormat ? Image.Load<Rgb24>(_configuration, encoded) : Image.Load<Rgba32>(_configuration, encoded);
        }
        catch (Exception e)
        {
            return Fail(Reason(e, format), out failure);
        }
        using (image)
        {
            limitFailure = CheckLimits(image.Width, image.Height);
            if (limitFailure is not null) return Fail($"decoded image differs from its header: {limitFailure}", out failure);
            if (image is Image<Rgb24> rgb) Rgb24Conversion.Copy(rgb, target, channels);
            else RgbaConversion.CopyOverWhite((Image<Rgba32>)image, target, channels);
        }
        failure = null;
        return true;
    }

    /// <summary>Returns the pooled decoder memory and the file buffer.</summary>
    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        _fileBuffer = Array.Empty<byte>();
        _configuration.MemoryAllocator.ReleaseRetainedResources();
    }

    private unsafe IImageInfo? Identify(ReadOnlySpan<byte> encoded)
    {
        fixed (byte* start = encoded)
        {
            using var stream = new UnmanagedMemoryStream(start, encoded.Length);
            return Image.Identify(_configuration, stream, out _);
        }
    }

    /// <summary>The structural walk, fenced: a walk that trips over hostile bytes rejects the file instead of throwing.</summary>
    private static string? FindTruncation(ReadOnlySpan<byte> encoded, IImageFormat format)
    {
        try
        {
            return ImageCompleteness.FindTruncation(encoded, format);
        }
        catch (Exception e) when (e is IndexOutOfRangeException or ArgumentOutOfRangeException or OverflowException)
        {
            return $"corrupt {format.Name}: malformed structure ({e.GetType().Name})";
        }
    }

    private string? CheckLimits(int width, int height)
    {
        var pixels = (long)width * height;
        var claim = $"header claims {width}x{height} pixels";
        if (width <= 0 || height <= 0) return $"{claim} (empty image)";
        if (pixels > Limits.MaxPixels) return $"{claim} ({Numbers.Grouped(pixels)} > limit {Numbers.Grouped(Limits.MaxPixels)})";
        if (width > Limits.MaxWidth) return $"{claim} (width {width} > limit {Limits.MaxWidth})";
        if (height > Limits.MaxHeight) return $"{claim} (height {height} > limit {Limits.MaxHeight})";
        return null;
    }

    private string TooLarge(string what, long bytes) =>
        $"{what} is {Numbers.Grouped(bytes)} bytes (> limit {Numbers.Grouped(Limits.MaxFileBytes)})";

    /// <summary>Maps anything the decoder throws on hostile content to a one-line reason.</summary>
    private static string Reason(Exception e, IImageFormat format) => e switch
    {
        UnknownImageFormatException => "unknown image format",
        InvalidImageContentException or ImageFormatException => $"invalid {format.Name}: {OneLine(e.Message)}",
        InvalidMemoryOperationException => $"{format.Name} needs more memory than allowed: {OneLine(e.Message)}",
        OutOfMemoryException => $"out of memory decoding {format.Name}",
        NotSupportedException or NotImplementedException => $"unsupported {format.Name} variant: {OneLine(e.Message)}",
        _ => $"corrupt {format.Name} ({e.GetType().Name}: {OneLine(e.Message)})",
    };

    private void CheckArguments(int channels, PixelImage target)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        ArgumentNullException.ThrowIfNull(target);
        if (channels is not (1 or 3)) throw new ArgumentOutOfRangeException(nameof(channels), channels, "channels must be 1 or 3");
    }

    private static bool Fail(string reason, out string? failure)
    {
        failure = reason;
        return false;
    }

    private static string Hex(ReadOnlySpan<byte> data) => Convert.ToHexString(data[..Math.Min(8, data.Length)]);

    private static string OneLine(string message) => message.ReplaceLineEndings(" ").Trim();
}
