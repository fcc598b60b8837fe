namespace ActorSsl.Imaging.Decoding;

/// <summary>
/// Checks that a PBM/PGM/PPM file (binary P4–P6 or plain P1–P3) holds as many samples as its header declares.
/// ImageSharp 2.1 decodes a cut file without error and leaves the missing pixels black.
/// </summary>
internal static class PnmStructure
{
    private const string IncompleteHeader = "truncated PNM: incomplete header";

    public static string? FindTruncation(ReadOnlySpan<byte> data)
    {
        if (data.Length < 2 || data[0] != (byte)'P' || data[1] is < (byte)'1' or > (byte)'6') return null;
        var kind = data[1] - '0';
        var pos = 2;
        if (!TryReadNumber(data, ref pos, out var width) || !TryReadNumber(data, ref pos, out var height)) return IncompleteHeader;
        long maxValue = 1;
        if (kind is not (1 or 4) && !TryReadNumber(data, ref pos, out maxValue)) return IncompleteHeader;
        if (width <= 0 || height <= 0 || maxValue <= 0) return null; // malformed: the decoder decides

        var components = kind is 3 or 6 ? 3 : 1;
        if (kind >= 4)
        {
            var rowBytes = kind == 4 ? (width + 7) / 8 : width * components * (maxValue > 255 ? 2 : 1);
            var needed = pos + 1 + rowBytes * height; // one whitespace byte separates header and raster
            return needed > data.Length
                ? $"truncated PNM: raster needs {Numbers.Grouped(needed)} bytes but the file has {Numbers.Grouped(data.Length)}"
                : null;
        }

        var samples = width * height * components;
        var found = kind == 1 ? CountBits(data[pos..], samples) : CountNumbers(data[pos..], samples);
        return found < samples
            ? $"truncated PNM: {Numbers.Grouped(found)} of {Numbers.Grouped(samples)} samples present"
            : null;
    }

    private static bool IsSpace(byte b) => b is (byte)' ' or (byte)'\t' or (byte)'\n' or (byte)'\v' or (byte)'\f' or (byte)'\r';

    /// <summary>Reads one header number after whitespace and # comments; values are capped to keep the arithmetic in range.</summary>
    private static bool TryReadNumber(ReadOnlySpan<byte> data, ref int pos, out long value)
    {
        value = 0;
        while (pos < data.Length && (IsSpace(data[pos]) || data[pos] == (byte)'#'))
        {
            if (data[pos] == (byte)'#') while (pos < data.Length && data[pos] is not ((byte)'\n' or (byte)'\r')) pos++;
            else pos++;
        }
        var start = pos;
        while (pos < data.Length && data[pos] is >= (byte)'0' and <= (byte)'9')
        {
            value = Math.Min(value * 10 + (data[pos] - '0'), 1L << 30);
            pos++;
        }
        return pos > start && pos < data.Length;
    }

    private static long CountBits(ReadOnlySpan<byte> raster, long wanted)
    {
        long found = 0;
        foreach (var b in raster)
            if (b is (byte)'0' or (byte)'1' && ++found == wanted) break;
        return found;
    }

    private static long CountNumbers(ReadOnlySpan<byte> raster, long wanted)
    {
        long found = 0;
        var inNumber = false;
        foreach (var b in raster)
        {
            var digit = b is >= (byte)'0' and <= (byte)'9';
            if (digit && !inNumber && ++found == wanted) break;
            inNumber = digit;
        }
        return found;
    }
}
