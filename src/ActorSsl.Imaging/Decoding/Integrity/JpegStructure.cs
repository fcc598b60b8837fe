using System.Buffers.Binary;

namespace ActorSsl.Imaging.Decoding;

/// <summary>
/// Walks JPEG markers (skipping segments by their length and entropy-coded data by byte stuffing) and requires
/// the end-of-image marker FFD9. ImageSharp 2.1 decodes a JPEG cut short without error and fills the missing
/// blocks with grey or black, so this walk is what rejects it. Bytes after EOI (padding, appended trailers) are
/// ignored; an FFD9 inside an APPn segment (an EXIF thumbnail) is skipped with its segment and cannot fool it.
/// </summary>
internal static class JpegStructure
{
    public const string Truncated = "truncated JPEG: no end-of-image marker";

    public static string? FindTruncation(ReadOnlySpan<byte> data)
    {
        if (data.Length < 2 || data[0] != 0xFF || data[1] != 0xD8) return null; // not a JPEG stream: the decoder decides
        var pos = 2;
        while (true)
        {
            // Expect a marker; tolerate junk before it the way libjpeg does ("extraneous bytes before marker").
            var ff = data[pos..].IndexOf((byte)0xFF);
            if (ff < 0) return Truncated;
            pos += ff;
            while (pos < data.Length && data[pos] == 0xFF) pos++; // fill bytes
            if (pos >= data.Length) return Truncated;
            var marker = data[pos++];

            if (marker == 0xD9) return null; // EOI
            if (marker is 0x00 or 0x01 or 0xD8 or (>= 0xD0 and <= 0xD7)) continue; // standalone markers

            if (pos + 2 > data.Length) return Truncated;
            var length = BinaryPrimitives.ReadUInt16BigEndian(data[pos..]);
            if (length < 2) return null; // corrupt, not truncated: the decoder reports it
            if (pos + length > data.Length) return Truncated;
            pos += length;

            if (marker == 0xDA && !SkipEntropyCodedData(data, ref pos)) return Truncated; // SOS
        }
    }

    /// <summary>Advances past scan data to the next real marker (FF followed by neither 00 stuffing nor RSTn).</summary>
    private static bool SkipEntropyCodedData(ReadOnlySpan<byte> data, ref int pos)
    {
        while (true)
        {
            var ff = data[pos..].IndexOf((byte)0xFF);
            if (ff < 0) return false;
            var p = pos + ff;
            if (p + 1 >= data.Length) return false;
            var next = data[p + 1];
            if (next == 0x00 || next is >= 0xD0 and <= 0xD7) { pos = p + 2; continue; }
            if (next == 0xFF) { pos = p + 1; continue; }
            pos = p;
            return true;
        }
    }
}
