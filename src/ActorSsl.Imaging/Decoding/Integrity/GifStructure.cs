namespace ActorSsl.Imaging.Decoding;

/// <summary>
/// Walks GIF blocks (extensions and image descriptors with their sub-block chains). Reports truncation when the
/// data ends inside a block; a file that ends at a block boundary without the 0x3B trailer is accepted (browsers
/// and ImageSharp show it completely). Unknown block introducers are left to the decoder.
/// </summary>
internal static class GifStructure
{
    public const string Truncated = "truncated GIF: data ends inside a block";

    public static string? FindTruncation(ReadOnlySpan<byte> data)
    {
        const int headerAndScreen = 6 + 7;
        if (data.Length < headerAndScreen) return Truncated;
        long pos = headerAndScreen + ColorTableLength(data[10]);
        var images = 0;
        while (true)
        {
            if (pos == data.Length) return images > 0 ? null : Truncated;
            if (pos > data.Length) return Truncated;
            switch (data[(int)pos])
            {
                case 0x3B: // trailer
                    return null;
                case 0x21: // extension: introducer, label, sub-blocks
                    pos += 2;
                    if (!SkipSubBlocks(data, ref pos)) return Truncated;
                    break;
                case 0x2C: // image descriptor (10 bytes), optional local color table, LZW code size, sub-blocks
                    if (pos + 10 > data.Length) return Truncated;
                    pos += 10 + ColorTableLength(data[(int)pos + 9]) + 1;
                    if (!SkipSubBlocks(data, ref pos)) return Truncated;
                    images++;
                    break;
                default:
                    return null; // not a block this walk understands: the decoder decides
            }
        }
    }

    private static int ColorTableLength(byte packed) => (packed & 0x80) != 0 ? 3 << ((packed & 0x07) + 1) : 0;

    private static bool SkipSubBlocks(ReadOnlySpan<byte> data, ref long pos)
    {
        while (true)
        {
            if (pos >= data.Length) return false;
            var size = data[(int)pos];
            pos += 1 + size;
            if (size == 0) return true;
        }
    }
}
