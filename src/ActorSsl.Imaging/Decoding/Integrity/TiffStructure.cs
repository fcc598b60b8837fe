using System.Buffers.Binary;

namespace ActorSsl.Imaging.Decoding;

/// <summary>
/// Checks that the first image directory (IFD0) of a TIFF or BigTIFF and every strip or tile it points to lie
/// inside the file. ImageSharp 2.1 decodes a TIFF whose strip data is cut (directory first, data after) without
/// error and leaves the missing pixels black. Later pages are not checked: only the first frame is decoded.
/// </summary>
internal static class TiffStructure
{
    private const ushort StripOffsets = 273, StripByteCounts = 279, TileOffsets = 324, TileByteCounts = 325;

    public static string? FindTruncation(ReadOnlySpan<byte> data)
    {
        if (data.Length < 8) return "truncated TIFF: incomplete header";
        bool little = data[0] == (byte)'I';
        var reader = new Reader(little);
        var version = reader.U16(data[2..]);
        bool big = version == 43;
        if (!big && version != 42) return null;
        if (big && data.Length < 16) return "truncated TIFF: incomplete header";
        var ifd = big ? reader.U64(data[8..]) : reader.U32(data[4..]);

        int countSize = big ? 8 : 2, entrySize = big ? 20 : 12, inlineSize = big ? 8 : 4;
        var length = (ulong)data.Length;
        if (ifd > length - (ulong)countSize) return "truncated TIFF: the first image directory is missing";
        var entries = big ? reader.U64(data[(int)ifd..]) : reader.U16(data[(int)ifd..]);
        if (entries > (length - ifd - (ulong)countSize) / (ulong)entrySize)
            return "truncated TIFF: the first image directory is incomplete";

        ValueArray offsets = default, counts = default;
        for (var i = 0UL; i < entries; i++)
        {
            var entry = data[(int)(ifd + (ulong)countSize + i * (ulong)entrySize)..];
            var tag = reader.U16(entry);
            var type = reader.U16(entry[2..]);
            var count = big ? reader.U64(entry[4..]) : reader.U32(entry[4..]);
            var valueField = entry[(big ? 12 : 8)..];
            var size = type switch { 3 => 2, 4 or 13 => 4, 16 or 18 => 8, _ => 0 };
            if (size == 0 || tag is not (StripOffsets or StripByteCounts or TileOffsets or TileByteCounts)) continue;
            if (count > int.MaxValue / 8) return null;
            var total = count * (ulong)size;
            var at = total <= (ulong)inlineSize ? (ulong)(data.Length - valueField.Length) : (big ? reader.U64(valueField) : reader.U32(valueField));
            if (at > length || total > length - at) return "truncated TIFF: strip or tile table lies beyond the end of the file";
            var array = new ValueArray((int)at, (int)count, size);
            if (tag is StripOffsets or TileOffsets) offsets = array; else counts = array;
        }

        if (offsets.Count == 0 || offsets.Count != counts.Count) return null; // malformed, not truncated: the decoder decides
        for (var i = 0; i < offsets.Count; i++)
        {
            ulong start = offsets.Read(data, reader, i), size = counts.Read(data, reader, i);
            if (start > length || size > length - start)
                return $"truncated TIFF: image data needs {Numbers.Grouped(SaturatingEnd(start, size))} bytes but the file has {Numbers.Grouped(data.Length)}";
        }
        return null;
    }

    private static long SaturatingEnd(ulong start, ulong size) =>
        start > long.MaxValue || size > long.MaxValue - start ? long.MaxValue : (long)(start + size);

    private readonly record struct ValueArray(int Offset, int Count, int Size)
    {
        public ulong Read(ReadOnlySpan<byte> data, Reader reader, int index)
        {
            var at = data[(Offset + index * Size)..];
            return Size switch { 2 => reader.U16(at), 4 => reader.U32(at), _ => reader.U64(at) };
        }
    }

    private readonly record struct Reader(bool Little)
    {
        public ushort U16(ReadOnlySpan<byte> s) => Little ? BinaryPrimitives.ReadUInt16LittleEndian(s) : BinaryPrimitives.ReadUInt16BigEndian(s);
        public uint U32(ReadOnlySpan<byte> s) => Little ? BinaryPrimitives.ReadUInt32LittleEndian(s) : BinaryPrimitives.ReadUInt32BigEndian(s);
        public ulong U64(ReadOnlySpan<byte> s) => Little ? BinaryPrimitives.ReadUInt64LittleEndian(s) : BinaryPrimitives.ReadUInt64BigEndian(s);
    }
}
