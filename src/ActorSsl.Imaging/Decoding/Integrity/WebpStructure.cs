using System.Buffers.Binary;

namespace ActorSsl.Imaging.Decoding;

/// <summary>
/// Checks that a WebP file is as long as its RIFF header declares. ImageSharp 2.1 decodes a cut WebP (lossy or
/// lossless) without error and invents the missing pixels. Trailing bytes after the RIFF payload are ignored.
/// </summary>
internal static class WebpStructure
{
    public static string? FindTruncation(ReadOnlySpan<byte> data)
    {
        if (data.Length < 12) return "truncated WebP: incomplete RIFF header";
        var riffSize = BinaryPrimitives.ReadUInt32LittleEndian(data[4..]);
        var needed = 8L + riffSize;
        return needed > data.Length
            ? $"truncated WebP: RIFF header declares {Numbers.Grouped(needed)} bytes but the file has {Numbers.Grouped(data.Length)}"
            : null;
    }
}
