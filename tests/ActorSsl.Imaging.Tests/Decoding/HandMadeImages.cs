using System.Buffers.Binary;
using System.Text;

namespace ActorSsl.Imaging.Tests.Decoding;

/// <summary>Byte-level image files written by hand: hostile headers and layouts ImageSharp's encoders never produce.</summary>
internal static class HandMadeImages
{
    private static readonly byte[] PngSignature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    /// <summary>A structurally complete 8-bit RGB PNG (valid CRCs, IDAT, IEND) whose IHDR claims the given size.</summary>
    public static byte[] PngClaiming(int width, int height)
    {
        var ihdr = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(ihdr, width);
        BinaryPrimitives.WriteInt32BigEndian(ihdr.AsSpan(4), height);
        ihdr[8] = 8; // bit depth
        ihdr[9] = 2; // colour type RGB
        byte[] emptyZlib = [0x78, 0x9C, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01];
        return [.. PngSignature, .. PngChunk("IHDR", ihdr), .. PngChunk("IDAT", emptyZlib), .. PngChunk("IEND", [])];
    }

    public static byte[] PngChunk(string type, byte[] data)
    {
        var chunk = new byte[12 + data.Length];
        BinaryPrimitives.WriteInt32BigEndian(chunk, data.Length);
        Encoding.ASCII.GetBytes(type).CopyTo(chunk, 4);
        data.CopyTo(chunk, 8);
        BinaryPrimitives.WriteUInt32BigEndian(chunk.AsSpan(8 + data.Length), Crc32(chunk.AsSpan(4, 4 + data.Length)));
        return chunk;
    }

    /// <summary>A 54-byte BMP header (24-bit, uncompressed) claiming the given size, with no pixel data.</summary>
    public static byte[] BmpHeaderClaiming(int width, int height)
    {
        var b = new byte[54];
        b[0] = (byte)'B';
        b[1] = (byte)'M';
        BinaryPrimitives.WriteUInt32LittleEndian(b.AsSpan(2), 54);
        BinaryPrimitives.WriteUInt32LittleEndian(b.AsSpan(10), 54);
        BinaryPrimitives.WriteUInt32LittleEndian(b.AsSpan(14), 40);
        BinaryPrimitives.WriteInt32LittleEndian(b.AsSpan(18), width);
        BinaryPrimitives.WriteInt32LittleEndian(b.AsSpan(22), height);
        BinaryPrimitives.WriteUInt16LittleEndian(b.AsSpan(26), 1);
        BinaryPrimitives.WriteUInt16LittleEndian(b.AsSpan(28), 24);
        return b;
    }

    /// <summary>
    /// An uncompressed 8-bit grayscale little-endian TIFF with the directory FIRST and the strip after it
    /// (ImageSharp's encoder writes the directory last). Pixel (x, y) = (x + 3y) mod 256.
    /// </summary>
    public static byte[] GrayTiffDirectoryFirst(int width, int height)
    {
        (ushort Tag, ushort Type, uint Value)[] entries =
        [
            (256, 3, (uint)width), (257, 3, (uint)height), (258, 3, 8), (259, 3, 1), (262, 3, 1),
            (273, 4, 0 /* strip offset, patched below */), (277, 3, 1), (278, 3, (uint)height), (279, 4, (uint)(width * height)),
        ];
        var dataOffset = 8 + 2 + entries.Length * 12 + 4;
        entries[5].Value = (uint)dataOffset;
        var file = new byte[dataOffset + width * height];
        file[0] = file[1] = (byte)'I';
        file[2] = 42;
        BinaryPrimitives.WriteUInt32LittleEndian(file.AsSpan(4), 8);
        BinaryPrimitives.WriteUInt16LittleEndian(file.AsSpan(8), (ushort)entries.Length);
        for (var i = 0; i < entries.Length; i++)
        {
            var at = file.AsSpan(10 + i * 12);
            BinaryPrimitives.WriteUInt16LittleEndian(at, entries[i].Tag);
            BinaryPrimitives.WriteUInt16LittleEndian(at[2..], entries[i].Type);
            BinaryPrimitives.WriteUInt32LittleEndian(at[4..], 1);
            if (entries[i].Type == 3) BinaryPrimitives.WriteUInt16LittleEndian(at[8..], (ushort)entries[i].Value);
            else BinaryPrimitives.WriteUInt32LittleEndian(at[8..], entries[i].Value);
        }
        for (var y = 0; y < height; y++)
        for (var x = 0; x < width; x++)
            file[dataOffset + y * width + x] = (byte)(x + 3 * y);
        return file;
    }

    /// <summary>Inserts an APP1 segment carrying <paramref name="payload"/> right after the JPEG SOI marker.</summary>
    public static byte[] JpegWithApp1(byte[] jpeg, byte[] payload)
    {
        var segment = new byte[4 + payload.Length];
        segment[0] = 0xFF;
        segment[1] = 0xE1;
        BinaryPrimitives.WriteUInt16BigEndian(segment.AsSpan(2), (ushort)(payload.Length + 2));
        payload.CopyTo(segment, 4);
        return [.. jpeg.AsSpan(0, 2), .. segment, .. jpeg.AsSpan(2)];
    }

    private static uint Crc32(ReadOnlySpan<byte> data)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in data)
        {
            crc ^= b;
            for (var k = 0; k < 8; k++) crc = (crc & 1) != 0 ? 0xEDB88320u ^ (crc >> 1) : crc >> 1;
        }
        return ~crc;
    }
}
