using System.Buffers.Binary;

namespace ActorSsl.Imaging.Decoding;

/// <summary>
/// Checks that a TGA file holds all the pixels its header declares (walking run-length packets for RLE types).
/// TGA has no magic number, so format detection is a guess; this check also stops random bytes that happen to
/// look like a TGA header from decoding into noise.
/// </summary>
internal static class TgaStructure
{
    private const int HeaderLength = 18;

    public static string? FindTruncation(ReadOnlySpan<byte> data)
    {
        if (data.Length < HeaderLength) return "truncated TGA: incomplete header";
        int idLength = data[0], colorMapType = data[1], imageType = data[2];
        int colorMapLength = BinaryPrimitives.ReadUInt16LittleEndian(data[5..]);
        int colorMapEntryBits = data[7];
        long width = BinaryPrimitives.ReadUInt16LittleEndian(data[12..]);
        long height = BinaryPrimitives.ReadUInt16LittleEndian(data[14..]);
        int pixelBytes = (data[16] + 7) / 8;
        if (imageType is not (1 or 2 or 3 or 9 or 10 or 11) || width == 0 || height == 0 || pixelBytes == 0) return null;

        long pos = HeaderLength + idLength + (colorMapType == 1 ? colorMapLength * ((colorMapEntryBits + 7) / 8) : 0);
        var pixels = width * height;
        if (imageType < 9)
        {
            var needed = pos + pixels * pixelBytes;
            return needed > data.Length
                ? $"truncated TGA: pixel data needs {Numbers.Grouped(needed)} bytes but the file has {Numbers.Grouped(data.Length)}"
                : null;
        }

        for (long seen = 0; seen < pixels;)
        {
            if (pos >= data.Length) return $"truncated TGA: run-length data ends after {Numbers.Grouped(seen)} of {Numbers.Grouped(pixels)} pixels";
            var packet = data[(int)pos++];
            var run = (packet & 0x7F) + 1;
            pos += (packet & 0x80) != 0 ? pixelBytes : (long)run * pixelBytes;
            seen += run;
            if (pos > data.Length) return $"truncated TGA: run-length data ends after {Numbers.Grouped(seen - run)} of {Numbers.Grouped(pixels)} pixels";
        }
        return null;
    }
}
