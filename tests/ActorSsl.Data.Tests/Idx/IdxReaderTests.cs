using ActorSsl.Data.Idx;

namespace ActorSsl.Data.Tests.Idx;

public sealed class IdxReaderTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Gzipped_header_claiming_more_than_gzip_can_hold_is_refused_before_allocating()
    {
        // 30000×224×224 = 1,505,280,000 bytes claimed by a file of a few dozen bytes.
        var header = new byte[] { 0, 0, 0x08, 3, 0, 0, 0x75, 0x30, 0, 0, 0, 0xE0, 0, 0, 0, 0xE0 };
        var path = _dir.File("forged-idx3-ubyte.gz", IdxBytes.Gzip(header));
        var before = GC.GetTotalAllocatedBytes(precise: true);
        var e = Assert.Throws<InvalidDataException>(() => IdxReader.Read(path));
        Assert.Contains("more than a gzip file", e.Message);
        Assert.Contains(path, e.Message);
        Assert.True(GC.GetTotalAllocatedBytes(precise: true) - before < 50_000_000, "refused after allocating the claimed payload");
    }

    [Theory]
    [InlineData(false, "images-idx3-ubyte")]
    [InlineData(true, "images-idx3-ubyte.gz")]
    [InlineData(true, "gzipped-but-no-suffix")]
    [InlineData(false, "raw-but-named.gz")]
    public void Round_trips_raw_and_gzip_detected_by_magic(bool gzip, string name)
    {
        var raw = IdxBytes.Images(3, 4, 5);
        var path = _dir.File(name, gzip ? IdxBytes.Gzip(raw) : raw);

        var file = IdxReader.Read(path);

        Assert.Equal(path, file.Path);
        Assert.Equal(new[] { 3, 4, 5 }, file.Dimensions);
        Assert.Equal((3, 20), (file.Count, file.ItemLength));
        Assert.Equal("3×4×5", file.Shape);
        Assert.Equal(raw[(4 + 12)..], file.Data.ToArray());
        Assert.Equal(IdxBytes.Pixel(2, 3, 4, 5), file.Item(2)[3 * 5 + 4]);
    }

    [Fact]
    public void One_dimensional_labels_have_item_length_one()
    {
        var file = IdxReader.Read(_dir.File("labels", IdxBytes.Labels(4, 0, 9)));
        Assert.Equal((3, 1), (file.Count, file.ItemLength));
        Assert.Equal(9, file.Item(2)[0]);
    }

    [Fact]
    public void Bad_magic_is_rejected_with_the_path()
    {
        var path = _dir.File("bad.idx", "PK\x03\x04 zip file"u8.ToArray());
        var error = Assert.Throws<InvalidDataException>(() => IdxReader.Read(path));
        Assert.Equal($"{path}: not an IDX file: starts with 504B0304 (expected 0000 then type and dimension count, e.g. 00000803)", error.Message);
    }

    [Theory]
    [InlineData(0x0D, "element type 0x0D (Float32) is not supported; only unsigned byte (0x08) is")]
    [InlineData(0x09, "element type 0x09 (SignedByte) is not supported; only unsigned byte (0x08) is")]
    [InlineData(0x42, "element type 0x42 (not an IDX type code) is not supported; only unsigned byte (0x08) is")]
    public void Other_element_types_are_rejected(byte code, string message)
    {
        var path = _dir.File("typed", IdxBytes.Build(code, [2], [0, 0, 0, 0, 0, 0, 0, 0]));
        var error = Assert.Throws<InvalidDataException>(() => IdxReader.Read(path));
        Assert.Equal($"{path}: {message}", error.Message);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Truncated_payload_reports_declared_and_actual_sizes(bool gzip)
    {
        var raw = IdxBytes.Images(10, 28, 28)[..(16 + 1234)];
        var path = _dir.File(gzip ? "train-images-idx3-ubyte.gz" : "train-images-idx3-ubyte", gzip ? IdxBytes.Gzip(raw) : raw);
        var error = Assert.Throws<InvalidDataException>(() => IdxReader.Read(path));
        Assert.Equal($"{path}: truncated: header says 10×28×28 = 7,840 bytes but only 1,234 follow", error.Message);
    }

    [Fact]
    public void Cut_gzip_stream_is_reported_as_truncated()
    {
        var gz = IdxBytes.Gzip(IdxBytes.Images(50, 28, 28));
        var path = _dir.File("cut.gz", gz[..(gz.Length / 2)]);
        var error = Assert.Throws<InvalidDataException>(() => IdxReader.Read(path));
        Assert.StartsWith($"{path}: ", error.Message);
        Assert.Contains("truncated", error.Message);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Trailing_bytes_are_rejected(bool gzip)
    {
        byte[] raw = [.. IdxBytes.Labels(1, 2, 3), 0xAA, 0xBB];
        var path = _dir.File("labels-with-extra", gzip ? IdxBytes.Gzip(raw) : raw);
        var error = Assert.Throws<InvalidDataException>(() => IdxReader.Read(path));
        Assert.Equal($"{path}: 2 unexpected bytes after the payload (header says 3 = 3 bytes)", error.Message);
    }

    [Fact]
    public void Short_header_and_missing_dimensions_are_rejected()
    {
        var tiny = _dir.File("tiny", [0, 0, 8]);
        Assert.Equal($"{tiny}: too short for an IDX header (3 bytes)", Assert.Throws<InvalidDataException>(() => IdxReader.Read(tiny)).Message);

        var noDims = _dir.File("nodims", [0, 0, 8, 0]);
        Assert.Equal($"{noDims}: header declares 0 dimensions (expected 1 to 8)", Assert.Throws<InvalidDataException>(() => IdxReader.Read(noDims)).Message);

        var cutDims = _dir.File("cutdims", [0, 0, 8, 3, 0, 0, 0, 5, 0]);
        Assert.Equal($"{cutDims}: truncated header: 3 dimensions need 12 bytes but only 5 follow",
            Assert.Throws<InvalidDataException>(() => IdxReader.Read(cutDims)).Message);
    }

    [Fact]
    public void Implausible_dimension_is_rejected()
    {
        var path = _dir.File("huge", [0, 0, 8, 1, 0xFF, 0xFF, 0xFF, 0xFF]);
        var error = Assert.Throws<InvalidDataException>(() => IdxReader.Read(path));
        Assert.Equal($"{path}: dimension 0 is 4,294,967,295, which is not plausible", error.Message);
    }

    [Fact]
    public void Corrupt_gzip_names_the_file()
    {
        var gz = IdxBytes.Gzip(IdxBytes.Images(5, 8, 8));
        for (var i = 12; i < gz.Length - 8; i++) gz[i] ^= 0x5A;
        var path = _dir.File("corrupt.gz", gz);
        var error = Assert.Throws<InvalidDataException>(() => IdxReader.Read(path));
        Assert.StartsWith($"{path}: ", error.Message);
    }

    [Fact]
    public void Missing_file_is_a_file_not_found_error()
    {
        var path = Path.Combine(_dir.Path, "absent.gz");
        var error = Assert.Throws<FileNotFoundException>(() => IdxReader.Read(path));
        Assert.Equal($"{path}: file not found", error.Message);
    }
}
