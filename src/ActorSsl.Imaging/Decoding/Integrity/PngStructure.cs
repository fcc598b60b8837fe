using System.Buffers.Binary;

namespace ActorSsl.Imaging.Decoding;

/// <summary>
/// Walks PNG chunks by their length fields and requires the IEND chunk. ImageSharp 2.1 accepts a PNG cut at a
/// chunk boundary (between IDAT chunks or before IEND) and leaves the missing rows transparent black.
/// CRCs are left to the decoder. Bytes after IEND are ignored.
/// </summary>
internal static class PngStructure
{
    public const string Truncated = "truncated PNG: no IEND chunk";
    private const int SignatureLength = 8;

    public static string? FindTruncation(ReadOnlySpan<byte> data)
    {
        long pos = SignatureLength;
        while (true)
        {
            if (pos + 8 > data.Length) return Truncated;
            var length = BinaryPrimitives.ReadUInt32BigEndian(data[(int)pos..]);
            var type = BinaryPrimitives.ReadUInt32BigEndian(data[((int)pos + 4)..]);
            var end = pos + 12 + length; // length + type + data + CRC
            if (end > data.Length) return Truncated;
            if (type == 0x49454E44) return null; // "IEND"
            pos = end;
        }
    }
}
