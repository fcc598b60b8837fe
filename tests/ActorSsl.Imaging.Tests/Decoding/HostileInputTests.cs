using System.Diagnostics;
using System.Text;
using ActorSsl.Imaging.Decoding;
using SixLabors.ImageSharp.Formats.Png;

namespace ActorSsl.Imaging.Tests.Decoding;

/// <summary>Broken and malicious content is rejected with a reason, never an exception, and bombs allocate nothing.</summary>
public sealed class HostileInputTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("actorssl-hostile-").FullName;
    private readonly SafeImageDecoder _decoder = new();
    private readonly PixelImage _target = new();

    public void Dispose()
    {
        _decoder.Dispose();
        Directory.Delete(_dir, recursive: true);
    }

    private string Write(string name, byte[] bytes)
    {
        var path = Path.Combine(_dir, name);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    [Fact]
    public void Zero_byte_file_is_rejected()
    {
        Assert.False(_decoder.TryDecodeFile(Write("empty.jpg", []), 3, _target, out var failure));
        Assert.Equal("empty file (0 bytes)", failure);
        Assert.False(_decoder.TryDecode([], 3, _target, out failure));
        Assert.Equal("empty file (0 bytes)", failure);
    }

    [Fact]
    public void Text_named_png_is_an_unknown_format()
    {
        var path = Write("notes.png", Encoding.UTF8.GetBytes("This is not an image.\nJust text.\n"));
        Assert.False(_decoder.TryDecodeFile(path, 3, _target, out var failure));
        Assert.StartsWith("unknown image format (first bytes 546869732069", failure);
    }

    [Fact]
    public void Random_bytes_never_decode_and_never_throw()
    {
        var random = new Random(12345);
        for (var i = 0; i < 300; i++)
        {
            var bytes = new byte[random.Next(1, 4096)];
            random.NextBytes(bytes);
            Assert.False(_decoder.TryDecode(bytes, 3, _target, out var failure), $"random buffer {i} decoded");
            Assert.False(string.IsNullOrWhiteSpace(failure));
            Assert.DoesNotContain('\n', failure);
        }
    }

    [Fact]
    public void Random_bytes_behind_real_magic_numbers_are_rejected_without_throwing()
    {
        byte[][] magics =
        [
            [0xFF, 0xD8, 0xFF, 0xE0], [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A], "GIF89a"u8.ToArray(), "BM"u8.ToArray(),
            "II*\0"u8.ToArray(), "MM\0*"u8.ToArray(), "RIFF\0\0\0\0WEBPVP8 "u8.ToArray(), "P6\n"u8.ToArray(), "P3\n"u8.ToArray(),
        ];
        var random = new Random(7);
        foreach (var magic in magics)
        for (var i = 0; i < 40; i++)
        {
            var bytes = new byte[magic.Length + random.Next(0, 600)];
            random.NextBytes(bytes);
            magic.CopyTo(bytes, 0);
            var ok = _decoder.TryDecode(bytes, 1, _target, out var failure);
            Assert.True(ok || !string.IsNullOrWhiteSpace(failure));
        }
    }

    [Fact]
    public void Random_bytes_named_jpg_on_disk_are_rejected()
    {
        var bytes = new byte[5000];
        new Random(3).NextBytes(bytes);
        Assert.False(_decoder.TryDecodeFile(Write("photo.jpg", bytes), 3, _target, out var failure));
        Assert.NotNull(failure);
    }

    [Fact]
    public void Png_header_claiming_50000_squared_is_rejected_from_the_header_without_allocating()
    {
        var bytes = HandMadeImages.PngClaiming(50000, 50000);
        Assert.True(bytes.Length < 100);
        AssertRejectedCheaply(bytes, "header claims 50000x50000 pixels (2,500,000,000 > limit 40,000,000)");
        Assert.False(_decoder.TryDecodeFile(Write("bomb.png", bytes), 3, _target, out var failure));
        Assert.Equal("header claims 50000x50000 pixels (2,500,000,000 > limit 40,000,000)", failure);
    }

    [Fact]
    public void Bmp_header_claiming_50000_squared_is_rejected_from_the_header_without_allocating()
    {
        AssertRejectedCheaply(HandMadeImages.BmpHeaderClaiming(50000, 50000), "header claims 50000x50000 pixels (2,500,000,000 > limit 40,000,000)");
    }

    [Fact]
    public void Width_and_height_limits_are_each_enforced_and_inclusive()
    {
        using var width = new SafeImageDecoder(new DecoderLimits { MaxWidth = 10 });
        using var height = new SafeImageDecoder(new DecoderLimits { MaxHeight = 10 });
        using var wide = TestImages.Rgb(20, 5);
        using var tall = TestImages.Rgb(5, 20);
        using var square = TestImages.Rgb(10, 10);
        var widePng = TestImages.Encode(wide, new PngEncoder());
        var tallPng = TestImages.Encode(tall, new PngEncoder());

        Assert.False(width.TryDecode(widePng, 3, _target, out var failure));
        Assert.Equal("header claims 20x5 pixels (width 20 > limit 10)", failure);
        Assert.True(width.TryDecode(tallPng, 3, _target, out failure), failure);
        Assert.False(height.TryDecode(tallPng, 3, _target, out failure));
        Assert.Equal("header claims 5x20 pixels (height 20 > limit 10)", failure);
        Assert.True(height.TryDecode(TestImages.Encode(square, new PngEncoder()), 3, _target, out failure), failure);
    }

    [Fact]
    public void Pixel_limit_counts_width_times_height_and_is_inclusive()
    {
        using var tight = new SafeImageDecoder(new DecoderLimits { MaxPixels = 99 });
        using var exact = new SafeImageDecoder(new DecoderLimits { MaxPixels = 100 });
        using var source = TestImages.Rgb(20, 5);
        var png = TestImages.Encode(source, new PngEncoder());
        Assert.False(tight.TryDecode(png, 3, _target, out var failure));
        Assert.Equal("header claims 20x5 pixels (100 > limit 99)", failure);
        Assert.True(exact.TryDecode(png, 3, _target, out failure), failure);
    }

    [Fact]
    public void File_over_MaxFileBytes_is_rejected_by_size()
    {
        using var decoder = new SafeImageDecoder(new DecoderLimits { MaxFileBytes = 1000 });
        using var source = TestImages.Noise(64, 64);
        var png = TestImages.Encode(source, new PngEncoder());
        Assert.True(png.Length > 1000);
        var path = Write("big.png", png);

        Assert.False(decoder.TryDecodeFile(path, 3, _target, out var failure));
        Assert.Equal($"file is {png.Length:N0} bytes (> limit 1,000)", failure);
        Assert.False(decoder.TryDecode(png, 3, _target, out failure));
        Assert.Equal($"encoded image is {png.Length:N0} bytes (> limit 1,000)", failure);
    }

    [Fact]
    public void Huge_sparse_file_is_rejected_before_reading()
    {
        var path = Path.Combine(_dir, "huge.jpg");
        using (var stream = File.Create(path)) stream.SetLength(20L * 1024 * 1024 * 1024); // 20 GiB, sparse

        var allocated = GC.GetAllocatedBytesForCurrentThread();
        var clock = Stopwatch.StartNew();
        Assert.False(_decoder.TryDecodeFile(path, 3, _target, out var failure));
        Assert.True(clock.ElapsedMilliseconds < 2000, $"took {clock.ElapsedMilliseconds} ms");
        Assert.True(GC.GetAllocatedBytesForCurrentThread() - allocated < 1_000_000);
        Assert.Equal("file is 21,474,836,480 bytes (> limit 67,108,864)", failure);
    }

    [Fact]
    public void Missing_file_and_directory_are_reasons_not_exceptions()
    {
        Assert.False(_decoder.TryDecodeFile(Path.Combine(_dir, "nope.png"), 3, _target, out var failure));
        Assert.Equal("file not found", failure);
        Assert.False(_decoder.TryDecodeFile(_dir, 3, _target, out failure));
        Assert.Equal("is a directory, not a file", failure);
    }

    [Fact]
    public void Valid_file_decodes_from_disk_and_buffer_is_reused_for_smaller_files()
    {
        using var big = TestImages.Noise(50, 40);
        using var small = TestImages.Rgb(4, 3);
        Assert.True(_decoder.TryDecodeFile(Write("big.png", TestImages.Encode(big, new PngEncoder())), 3, _target, out var failure), failure);
        Assert.True(_decoder.TryDecodeFile(Write("small.png", TestImages.Encode(small, new PngEncoder())), 3, _target, out failure), failure);
        Assert.Equal((4, 3), (_target.Width, _target.Height));
        Assert.Equal(TestImages.Tuple(TestImages.RgbAt(3, 2)), TestImages.At(_target, 3, 2));
    }

    [Fact]
    public void Bad_arguments_are_programming_errors()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => _decoder.TryDecode(new byte[] { 1 }, 2, _target, out _));
        Assert.Throws<ArgumentNullException>(() => _decoder.TryDecode(new byte[] { 1 }, 3, null!, out _));
        var disposed = new SafeImageDecoder();
        disposed.Dispose();
        Assert.Throws<ObjectDisposedException>(() => disposed.TryDecode(new byte[] { 1 }, 3, _target, out _));
    }

    private void AssertRejectedCheaply(byte[] bytes, string expected)
    {
        _decoder.TryDecode(bytes, 3, _target, out _); // warm up: JIT and ImageSharp statics
        var allocated = GC.GetAllocatedBytesForCurrentThread();
        var clock = Stopwatch.StartNew();
        var ok = _decoder.TryDecode(bytes, 3, _target, out var failure);
        clock.Stop();
        var bytesAllocated = GC.GetAllocatedBytesForCurrentThread() - allocated;

        Assert.False(ok);
        Assert.Equal(expected, failure);
        Assert.True(clock.ElapsedMilliseconds < 500, $"took {clock.ElapsedMilliseconds} ms");
        Assert.True(bytesAllocated < 1_000_000, $"allocated {bytesAllocated:N0} bytes");
    }
}
