using System.Buffers.Binary;

namespace ActorSsl.Imaging.Decoding;

/// <summary>
/// Checks that an uncompressed BMP (BI_RGB / BI_BITFIELDS) holds all the pixel rows its header declares.
/// ImageSharp 2.1 decodes a cut BMP without error and leaves the missing rows black. The final row's padding
/// may be missing (some writers omit it). RLE and embedded JPEG/PNG bitmaps are left to the decoder.
/// </summary>
internal static class BmpStructure
{
    private const int FileHeaderLength = 14;

    public static string? FindTruncation(ReadOnlySpan<byte> data)
    {
        if (data.Length < FileHeaderLength + 4) return "truncated BMP: incomplete header";
        var pixelOffset = BinaryPrimitives.ReadUInt32LittleEndian(data[10..]);
        var infoSize = BinaryPrimitives.ReadUInt32LittleEndian(data[14..]);
        long width, height;
        int bitsPerPixel;
        uint compression = 0;
        if (infoSize == 12) // OS/2 BITMAPCOREHEADER
        {
            if (data.Length < FileHeaderLength + 12) return "truncated BMP: incomplete header";
            width = BinaryPrimitives.ReadUInt16LittleEndian(data[18..]);
            height = BinaryPrimitives.ReadUInt16LittleEndian(data[20..]);
            bitsPerPixel = BinaryPrimitives.ReadUInt16LittleEndian(data[24..]);
        }
        else if (infoSize >= 40)
        {
            if (data.Length < FileHeaderLength + 20) return "truncated BMP: incomplete header";
            width = BinaryPrimitives.ReadInt32LittleEndian(data[18..]);
            height = Math.Abs((long)BinaryPrimitives.ReadInt32LittleEndian(data[22..])); // negative: top-down
            bitsPerPixel = BinaryPrimitives.ReadUInt16LittleEndian(data[28..]);
            compression = BinaryPrimitives.ReadUInt32LittleEndian(data[30..]);
        }
        else
        {
            return null; // other header variants (e.g. 64-byte OS/2 v2 with different fields): the decoder decides
        }

        const uint rgb = 0, bitFields = 3, alphaBitFields = 6;
        if (compression is not (rgb or bitFields or alphaBitFields) || width <= 0 || height <= 0 || bitsPerPixel is 0 or > 64)
            return null;

        // Int128: a hostile header (2^31 × 2^31 at 64 bpp) must not overflow into a small number.
        Int128 stride = (width * bitsPerPixel + 31) / 32 * 4;
        Int128 lastRow = (width * bitsPerPixel + 7) / 8;
        var needed = pixelOffset + stride * (height - 1) + lastRow;
        return needed > data.Length
            ? $"truncated BMP: pixel data needs {Numbers.Grouped((long)Int128.Min(needed, long.MaxValue))} bytes but the file has {Numbers.Grouped(data.Length)}"
            : null;
    }
}
