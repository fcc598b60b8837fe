using ActorSsl.Imaging.Decoding;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Formats;
using SixLabors.ImageSharp.Formats.Bmp;
using SixLabors.ImageSharp.Formats.Gif;
using SixLabors.ImageSharp.Formats.Jpeg;
using SixLabors.ImageSharp.Formats.Pbm;
using SixLabors.ImageSharp.Formats.Png;
using SixLabors.ImageSharp.Formats.Tga;
using SixLabors.ImageSharp.Formats.Tiff;
using SixLabors.ImageSharp.Formats.Webp;
using SixLabors.ImageSharp.PixelFormats;

namespace ActorSsl.Imaging.Tests.Decoding;

/// <summary>
/// ImageSharp 2.1.13 silently decodes most cut files (grey/black fill); the decoder must skip them instead.
/// The first test pins that library behaviour, so an upgrade that changes it is noticed.
/// </summary>
public sealed class TruncationTests : IDisposable
{
    private readonly SafeImageDecoder _decoder = new();
    private readonly PixelImage _target = new();

    public void Dispose() => _decoder.Dispose();

    private static byte[] Jpeg() => TestImages.Encode(TestImages.Noise(96, 64), new JpegEncoder { Quality = 90 });

    [Fact]
    public void ImageSharp_itself_decodes_a_truncated_jpeg_without_error()
    {
        var jpeg = Jpeg();
        using var image = Image.Load<Rgb24>(jpeg.AsSpan(0, jpeg.Length * 9 / 10));
        Assert.Equal(96, image.Width); // no exception: the missing blocks are simply filled
    }

    [Theory]
    [InlineData(0.5)]
    [InlineData(0.9)]
    [InlineData(0.99)]
    public void Jpeg_cut_anywhere_is_skipped_as_truncated(double fraction)
    {
        var jpeg = Jpeg();
        Assert.False(_decoder.TryDecode(jpeg.AsSpan(0, (int)(jpeg.Length * fraction)), 3, _target, out var failure));
        Assert.Equal("truncated JPEG: no end-of-image marker", failure);
    }

    [Fact]
    public void Jpeg_missing_only_its_eoi_marker_is_skipped()
    {
        var jpeg = Jpeg();
        Assert.Equal(new byte[] { 0xFF, 0xD9 }, jpeg[^2..]);
        Assert.False(_decoder.TryDecode(jpeg.AsSpan(0, jpeg.Length - 2), 3, _target, out var failure));
        Assert.Equal("truncated JPEG: no end-of-image marker", failure);
    }

    [Fact]
    public void Jpeg_with_padding_or_a_trailer_after_eoi_decodes()
    {
        var jpeg = Jpeg();
        byte[] zeros = [.. jpeg, .. new byte[300]];
        byte[] trailer = [.. jpeg, .. "vendor trailer data \xFF\x01"u8.ToArray()];
        Assert.True(_decoder.TryDecode(zeros, 3, _target, out var failure), failure);
        Assert.True(_decoder.TryDecode(trailer, 3, _target, out failure), failure);
    }

    [Fact]
    public void Jpeg_eoi_bytes_inside_an_app_segment_do_not_count()
    {
        // An APP1 payload ending in FF D9 (like an embedded EXIF thumbnail). Cut the file right after it:
        // a naive "ends with FFD9" or "contains FFD9" check would accept it.
        var jpeg = HandMadeImages.JpegWithApp1(Jpeg(), [.. "Exif\0\0"u8.ToArray(), 0xFF, 0xD8, 0x01, 0x02, 0xFF, 0xD9]);
        Assert.True(_decoder.TryDecode(jpeg, 3, _target, out var failure), failure);
        var cut = jpeg.AsSpan(0, 2 + 4 + 12);
        Assert.Equal(new byte[] { 0xFF, 0xD9 }, cut[^2..].ToArray());
        Assert.False(_decoder.TryDecode(cut, 3, _target, out failure));
        Assert.Equal("truncated JPEG: no end-of-image marker", failure);
    }

    [Fact]
    public void Truncated_jpeg_file_on_disk_is_skipped()
    {
        var dir = Directory.CreateTempSubdirectory("actorssl-trunc-").FullName;
        try
        {
            var jpeg = Jpeg();
            var path = Path.Combine(dir, "half.jpg");
            File.WriteAllBytes(path, jpeg[..(jpeg.Length / 2)]);
            Assert.False(_decoder.TryDecodeFile(path, 1, _target, out var failure));
            Assert.Equal("truncated JPEG: no end-of-image marker", failure);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    public static TheoryData<string> Formats() => new()
    {
        "jpeg-gray", "png", "png-interlaced", "gif", "bmp", "tga", "tga-rle", "tiff", "tiff-deflate",
        "webp-lossy", "webp-lossless", "pgm", "ppm-plain",
    };

    private static (byte[] Bytes, string Prefix) Encoded(string format)
    {
        using var image = TestImages.Noise(120, 90, seed: 5);
        IImageEncoder encoder = format switch
        {
            "jpeg-gray" => new JpegEncoder { ColorType = JpegColorType.Luminance },
            "png" => new PngEncoder(),
            "png-interlaced" => new PngEncoder { InterlaceMethod = PngInterlaceMode.Adam7 },
            "gif" => new GifEncoder(),
            "bmp" => new BmpEncoder(),
            "tga" => new TgaEncoder { Compression = TgaCompression.None },
            "tga-rle" => new TgaEncoder { Compression = TgaCompression.RunLength },
            "tiff" => new TiffEncoder(),
            "tiff-deflate" => new TiffEncoder { Compression = SixLabors.ImageSharp.Formats.Tiff.Constants.TiffCompression.Deflate },
            "webp-lossy" => new WebpEncoder { FileFormat = WebpFileFormatType.Lossy },
            "webp-lossless" => new WebpEncoder { FileFormat = WebpFileFormatType.Lossless },
            "pgm" => new PbmEncoder { ColorType = PbmColorType.Grayscale, Encoding = PbmEncoding.Binary },
            "ppm-plain" => new PbmEncoder { ColorType = PbmColorType.Rgb, Encoding = PbmEncoding.Plain },
            _ => throw new ArgumentOutOfRangeException(nameof(format)),
        };
        var prefix = format.Split('-')[0] switch
        {
            "jpeg" => "truncated JPEG", "png" => "truncated PNG", "gif" => "truncated GIF", "bmp" => "truncated BMP",
            "tga" => "truncated TGA", "tiff" => "truncated TIFF", "webp" => "truncated WebP", _ => "truncated PNM",
        };
        return (TestImages.Encode(image, encoder), prefix);
    }

    [Theory]
    [MemberData(nameof(Formats))]
    public void Every_format_cut_short_is_skipped_as_truncated(string format)
    {
        var (bytes, prefix) = Encoded(format);
        Assert.True(_decoder.TryDecode(bytes, 3, _target, out var failure), failure);
        foreach (var fraction in new[] { 0.3, 0.6, 0.9, 0.99 })
        {
            var cut = bytes.AsSpan(0, (int)(bytes.Length * fraction));
            Assert.False(_decoder.TryDecode(cut, 3, _target, out failure), $"{format} cut at {fraction} decoded");
            Assert.StartsWith(prefix, failure);
        }
    }

    [Fact]
    public void Tiff_with_directory_first_and_cut_strip_is_skipped()
    {
        var tiff = HandMadeImages.GrayTiffDirectoryFirst(64, 48);
        Assert.True(_decoder.TryDecode(tiff, 1, _target, out var failure), failure);
        Assert.Equal((byte)(10 + 3 * 20), _target.Pixels[20 * 64 + 10]);

        using (var silently = Image.Load<L8>(tiff.AsSpan(0, tiff.Length - 100)))
            Assert.Equal(64, silently.Width); // ImageSharp alone accepts the cut strip

        Assert.False(_decoder.TryDecode(tiff.AsSpan(0, tiff.Length - 100), 1, _target, out failure));
        Assert.Equal($"truncated TIFF: image data needs {tiff.Length:N0} bytes but the file has {tiff.Length - 100:N0}", failure);
    }

    [Fact]
    public void Png_missing_only_iend_is_skipped_and_bytes_after_iend_are_ignored()
    {
        using var image = TestImages.Rgb(10, 10);
        var png = TestImages.Encode(image, new PngEncoder());
        Assert.False(_decoder.TryDecode(png.AsSpan(0, png.Length - 12), 3, _target, out var failure));
        Assert.Equal("truncated PNG: no IEND chunk", failure);
        Assert.True(_decoder.TryDecode([.. png, 1, 2, 3], 3, _target, out failure), failure);
    }

    [Fact]
    public void Gif_without_trailer_but_complete_image_decodes()
    {
        using var image = TestImages.Rgb(10, 10);
        var gif = TestImages.Encode(image, new GifEncoder());
        Assert.Equal(0x3B, gif[^1]);
        Assert.True(_decoder.TryDecode(gif.AsSpan(0, gif.Length - 1), 3, _target, out var failure), failure);
    }

    [Fact]
    public void Bmp_missing_only_the_last_row_padding_decodes()
    {
        using var image = TestImages.Rgb(3, 4); // 9 bytes per row, padded to 12
        var bmp = TestImages.Encode(image, new BmpEncoder { BitsPerPixel = BmpBitsPerPixel.Pixel24 });
        Assert.True(_decoder.TryDecode(bmp.AsSpan(0, bmp.Length - 3), 3, _target, out var failure), failure);
        Assert.False(_decoder.TryDecode(bmp.AsSpan(0, bmp.Length - 4), 3, _target, out failure));
        Assert.StartsWith("truncated BMP", failure);
    }
}
