using System.Buffers.Binary;
using System.IO.Compression;

namespace ActorSsl.Data.Tests.Idx;

/// <summary>Writes IDX files byte by byte, independently of the reader under test.</summary>
internal static class IdxBytes
{
    public static byte[] Build(byte typeCode, int[] dimensions, byte[] payload)
    {
        var file = new byte[4 + 4 * dimensions.Length + payload.Length];
        file[2] = typeCode;
        file[3] = (byte)dimensions.Length;
        for (var i = 0; i < dimensions.Length; i++) BinaryPrimitives.WriteInt32BigEndian(file.AsSpan(4 + 4 * i), dimensions[i]);
        payload.CopyTo(file, 4 + 4 * dimensions.Length);
        return file;
    }

    /// <summary>N images of H×W where pixel (i, y, x) = (31·i + 7·y + x) mod 256.</summary>
    public static byte[] Images(int count, int height, int width) =>
        Build(0x08, [count, height, width], Enumerable.Range(0, count * height * width).Select(k => Pixel(k / (height * width), k / width % height, k % width, width)).ToArray());

    public static byte Pixel(int index, int y, int x, int width) => (byte)(31 * index + 7 * y + x);

    public static byte[] Labels(params byte[] labels) => Build(0x08, [labels.Length], labels);

    public static byte[] Gzip(byte[] raw)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Optimal, leaveOpen: true)) gzip.Write(raw);
        return output.ToArray();
    }
}
