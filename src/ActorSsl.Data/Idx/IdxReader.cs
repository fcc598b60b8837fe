using System.Buffers.Binary;
using System.IO.Compression;

namespace ActorSsl.Data.Idx;

/// <summary>
/// Reads IDX files (MNIST / Fashion-MNIST), raw or gzip-compressed (detected by the 1F 8B magic, not the name).
/// Validates the magic (00 00 type ndims), the element type (unsigned byte only), the dimensions, and that the
/// payload has exactly the declared length. Every error is an <see cref="InvalidDataException"/> whose message
/// starts with the file path and says what is wrong.
/// </summary>
public static class IdxReader
{
    /// <summary>More dimensions than this is not a plausible IDX file (MNIST uses 1 and 3).</summary>
    public const int MaxDimensions = 8;

    /// <summary>Loads the whole file at <paramref name="path"/>.</summary>
    public static IdxFile Read(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!File.Exists(path))
            throw new FileNotFoundException(Directory.Exists(path) ? $"{path}: is a directory, not an IDX file" : $"{path}: file not found", path);

        using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
        Span<byte> magic = stackalloc byte[2];
        var gzipped = file.ReadAtLeast(magic, 2, throwOnEndOfStream: false) == 2 && magic[0] == 0x1F && magic[1] == 0x8B;
        file.Position = 0;
        if (!gzipped) return Read(file, path, file.Length);

        using var gzip = new GZipStream(file, CompressionMode.Decompress);
        try
        {
            return Read(gzip, path, knownLength: null, compressedLength: file.Length);
        }
        catch (InvalidDataException e) when (!e.Message.StartsWith(path, StringComparison.Ordinal))
        {
            throw new InvalidDataException($"{path}: corrupt gzip data: {e.Message}", e);
        }
    }

    /// <summary>DEFLATE cannot expand beyond about 1032:1, so a gzip file of n bytes holds at most this many.</summary>
    private const long MaxDeflateRatio = 1032;

    private static IdxFile Read(Stream stream, string path, long? knownLength, long? compressedLength = null)
    {
        Span<byte> magic = stackalloc byte[4];
        var got = stream.ReadAtLeast(magic, 4, throwOnEndOfStream: false);
        if (got < 4) throw Error(path, $"too short for an IDX header ({got} bytes)");
        if (magic[0] != 0 || magic[1] != 0)
            throw Error(path, $"not an IDX file: starts with {Convert.ToHexString(magic)} (expected 0000 then type and dimension count, e.g. 00000803)");
        CheckElementType(path, magic[2]);
        var rank = magic[3];
        if (rank is 0 or > MaxDimensions) throw Error(path, $"header declares {rank} dimensions (expected 1 to {MaxDimensions})");

        Span<byte> sizes = stackalloc byte[4 * rank];
        got = stream.ReadAtLeast(sizes, sizes.Length, throwOnEndOfStream: false);
        if (got < sizes.Length) throw Error(path, $"truncated header: {rank} dimensions need {sizes.Length} bytes but only {got} follow");
        var dimensions = new int[rank];
        var payload = 1L;
        for (var i = 0; i < rank; i++)
        {
            var size = BinaryPrimitives.ReadUInt32BigEndian(sizes[(4 * i)..]);
            if (size > int.MaxValue) throw Error(path, $"dimension {i} is {Numbers.Grouped(size)}, which is not plausible");
            dimensions[i] = (int)size;
            payload = payload > Array.MaxLength ? payload : payload * size;
        }
        var declared = $"header says {Numbers.Shape(dimensions)} = {Numbers.Grouped(payload)} bytes";
        if (payload > Array.MaxLength) throw Error(path, $"{declared}, more than one array can hold");

        // A hostile gzipped header could claim gigabytes; refuse what the compressed size cannot hold, before allocating.
        if (compressedLength is { } packed && payload > packed * MaxDeflateRatio + 4096)
            throw Error(path, $"{declared}, more than a gzip file of {Numbers.Grouped(packed)} bytes can hold (truncated or forged header)");
        if (knownLength is { } length)
        {
            var follow = length - 4 - sizes.Length;
            if (follow < payload) throw Error(path, $"truncated: {declared} but only {Numbers.Grouped(follow)} follow");
            if (follow > payload) throw Error(path, $"{Numbers.Grouped(follow - payload)} unexpected bytes after the payload ({declared})");
        }

        var data = new byte[payload];
        got = stream.ReadAtLeast(data, data.Length, throwOnEndOfStream: false);
        if (got < payload) throw Error(path, $"truncated: {declared} but only {Numbers.Grouped(got)} follow");
        var extra = CountRemaining(stream);
        if (extra > 0) throw Error(path, $"{Numbers.Grouped(extra)} unexpected bytes after the payload ({declared})");
        return new IdxFile(path, dimensions, data);
    }

    private static void CheckElementType(string path, byte code)
    {
        if (code == (byte)IdxElementType.UnsignedByte) return;
        var known = Enum.IsDefined(typeof(IdxElementType), code) ? $" ({(IdxElementType)code})" : " (not an IDX type code)";
        throw Error(path, $"element type 0x{code:X2}{known} is not supported; only unsigned byte (0x08) is");
    }

    private static long CountRemaining(Stream stream)
    {
        Span<byte> buffer = stackalloc byte[4096];
        long total = 0;
        int n;
        while ((n = stream.Read(buffer)) > 0) total += n;
        return total;
    }

    private static InvalidDataException Error(string path, string what) => new($"{path}: {what}");
}
