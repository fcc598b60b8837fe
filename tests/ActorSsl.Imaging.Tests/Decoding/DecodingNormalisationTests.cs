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
using SixLabors.ImageSharp.Processing.Processors.Quantization;

namespace ActorSsl.Imaging.Tests.Decoding;

/// <summary>Every source pixel layout comes out as exact 1- or 3-channel bytes.</summary>
public sealed class DecodingNormalisationTests : IDisposable
{
    private readonly SafeImageDecoder _decoder = new();
    private readonly PixelImage _target = new();

    public void Dispose() => _decoder.Dispose();

    public static TheoryData<string> LosslessEncoders() => new() { "png", "bmp", "tga", "tga-rle", "tiff", "tiff-lzw", "webp-lossless", "ppm", "ppm-plain" };

    private static IImageEncoder Lossless(string name) => name switch
    {
        "png" => new PngEncoder(),
        "bmp" => new BmpEncoder { BitsPerPixel = BmpBitsPerPixel.Pixel24 },
        "tga" => new TgaEncoder { BitsPerPixel = TgaBitsPerPixel.Pixel24, Compression = TgaCompression.None },
        "tga-rle" => new TgaEncoder { BitsPerPixel = TgaBitsPerPixel.Pixel24, Compression = TgaCompression.RunLength },
        "tiff" => new TiffEncoder(),
        "tiff-lzw" => new TiffEncoder { Compression = SixLabors.ImageSharp.Formats.Tiff.Constants.TiffCompression.Lzw },
        "webp-lossless" => new WebpEncoder { FileFormat = WebpFileFormatType.Lossless },
        "ppm" => new PbmEncoder { ColorType = PbmColorType.Rgb, Encoding = PbmEncoding.Binary },
        "ppm-plain" => new PbmEncoder { ColorType = PbmColorType.Rgb, Encoding = PbmEncoding.Plain },
        _ => throw new ArgumentOutOfRangeException(nameof(name)),
    };

    [Theory]
    [MemberData(nameof(LosslessEncoders))]
    public void Lossless_rgb_round_trips_exactly_to_3_channels_and_to_luma(string encoder)
    {
        using var source = TestImages.Rgb(23, 17);
        var bytes = TestImages.Encode(source, Lossless(encoder));

        Assert.True(_decoder.TryDecode(bytes, 3, _target, out var failure), failure);
        Assert.Equal((23, 17, 3), (_target.Width, _target.Height, _target.Channels));
        for (var y = 0; y < 17; y++)
        for (var x = 0; x < 23; x++)
        {
            Assert.Equal(TestImages.Tuple(TestImages.RgbAt(x, y)), TestImages.At(_target, x, y));
        }

        Assert.True(_decoder.TryDecode(bytes, 1, _target, out failure), failure);
        Assert.Equal((23, 17, 1), (_target.Width, _target.Height, _target.Channels));
        for (var y = 0; y < 17; y++)
        for (var x = 0; x < 23; x++)
            TestImages.AssertLuma(TestImages.RgbAt(x, y), _target.Pixels[y * 23 + x]);
    }

    [Fact]
    public void Primary_colours_use_bt709_luma()
    {
        using var source = new Image<Rgb24>(3, 1);
        source[0, 0] = new Rgb24(255, 0, 0);
        source[1, 0] = new Rgb24(0, 255, 0);
        source[2, 0] = new Rgb24(0, 0, 255);
        Assert.True(_decoder.TryDecode(TestImages.Encode(source, new PngEncoder()), 1, _target, out var failure), failure);
        Assert.Equal(new byte[] { 54, 182, 18 }, _target.Pixels.ToArray());
    }

    [Fact]
    public void Grayscale_png_is_exact_in_1_channel_and_replicated_in_3()
    {
        using var source = new Image<L8>(16, 16);
        for (var i = 0; i < 256; i++) source[i % 16, i / 16] = new L8((byte)i);
        var bytes = TestImages.Encode(source, new PngEncoder { ColorType = PngColorType.Grayscale, BitDepth = PngBitDepth.Bit8 });
        Assert.Equal(0, bytes[25]); // IHDR colour type 0: really a grayscale file

        Assert.True(_decoder.TryDecode(bytes, 1, _target, out var failure), failure);
        Assert.Equal(Enumerable.Range(0, 256).Select(i => (byte)i).ToArray(), _target.Pixels.ToArray());

        Assert.True(_decoder.TryDecode(bytes, 3, _target, out failure), failure);
        Assert.Equal((200, 200, 200), TestImages.At(_target, 200 % 16, 200 / 16));
        Assert.Equal((byte)77, _target.Pixels[77 * 3 + 1]);
    }

    [Fact]
    public void Sixteen_bit_png_is_scaled_to_8_bits()
    {
        using var rgb = new Image<Rgb48>(2, 1);
        rgb[0, 0] = new Rgb48(65535, 32768, 2570);
        rgb[1, 0] = new Rgb48(0, 257 * 200, 257);
        var bytes = TestImages.Encode(rgb, new PngEncoder { BitDepth = PngBitDepth.Bit16, ColorType = PngColorType.Rgb });
        Assert.Equal(16, bytes[24]); // IHDR bit depth

        Assert.True(_decoder.TryDecode(bytes, 3, _target, out var failure), failure);
        Assert.Equal(new byte[] { 255, 128, 10, 0, 200, 1 }, _target.Pixels.ToArray());

        using var gray = new Image<L16>(1, 1);
        gray[0, 0] = new L16(257 * 77);
        var grayBytes = TestImages.Encode(gray, new PngEncoder { BitDepth = PngBitDepth.Bit16, ColorType = PngColorType.Grayscale });
        Assert.True(_decoder.TryDecode(grayBytes, 1, _target, out failure), failure);
        Assert.Equal(new byte[] { 77 }, _target.Pixels.ToArray());
    }

    private static readonly Color[] Palette = [Color.FromRgb(200, 30, 40), Color.FromRgb(10, 120, 250), Color.FromRgb(0, 0, 0), Color.FromRgb(255, 255, 0)];

    private static Image<Rgb24> PaletteImage()
    {
        var image = new Image<Rgb24>(8, 4);
        for (var y = 0; y < 4; y++)
        for (var x = 0; x < 8; x++)
            image[x, y] = Palette[(x + y) % Palette.Length].ToPixel<Rgb24>();
        return image;
    }

    [Theory]
    [InlineData("png")]
    [InlineData("gif")]
    public void Palette_images_decode_to_their_palette_colours(string format)
    {
        using var source = PaletteImage();
        var quantizer = new PaletteQuantizer(Palette, new QuantizerOptions { Dither = null });
        IImageEncoder encoder = format == "png"
            ? new PngEncoder { ColorType = PngColorType.Palette, BitDepth = PngBitDepth.Bit8, Quantizer = quantizer }
            : new GifEncoder { Quantizer = quantizer };
        var bytes = TestImages.Encode(source, encoder);
        if (format == "png") Assert.Equal(3, bytes[25]); // IHDR colour type 3: indexed

        Assert.True(_decoder.TryDecode(bytes, 3, _target, out var failure), failure);
        for (var y = 0; y < 4; y++)
        for (var x = 0; x < 8; x++)
        {
            Assert.Equal(TestImages.Tuple(Palette[(x + y) % Palette.Length].ToPixel<Rgb24>()), TestImages.At(_target, x, y));
        }

        Assert.True(_decoder.TryDecode(bytes, 1, _target, out failure), failure);
        TestImages.AssertLuma(Palette[0].ToPixel<Rgb24>(), _target.Pixels[0]);
        TestImages.AssertLuma(Palette[1].ToPixel<Rgb24>(), _target.Pixels[1]);
    }

    [Theory]
    [InlineData("png")]
    [InlineData("webp")]
    [InlineData("tga")]
    public void Alpha_is_composited_over_white(string format)
    {
        using var source = new Image<Rgba32>(4, 1);
        source[0, 0] = new Rgba32(200, 100, 50, 255);
        source[1, 0] = new Rgba32(200, 100, 50, 128);
        source[2, 0] = new Rgba32(200, 100, 50, 0);
        source[3, 0] = new Rgba32(0, 0, 0, 64);
        IImageEncoder encoder = format switch
        {
            "png" => new PngEncoder { ColorType = PngColorType.RgbWithAlpha },
            "webp" => new WebpEncoder { FileFormat = WebpFileFormatType.Lossless, TransparentColorMode = WebpTransparentColorMode.Preserve },
            _ => new TgaEncoder { BitsPerPixel = TgaBitsPerPixel.Pixel32 },
        };
        var bytes = TestImages.Encode(source, encoder);

        Assert.True(_decoder.TryDecode(bytes, 3, _target, out var failure), failure);
        Assert.Equal((200, 100, 50), TestImages.At(_target, 0, 0));
        AssertNear(OverWhite(200, 128), OverWhite(100, 128), OverWhite(50, 128), TestImages.At(_target, 1, 0));
        Assert.Equal((255, 255, 255), TestImages.At(_target, 2, 0));
        AssertNear(OverWhite(0, 64), OverWhite(0, 64), OverWhite(0, 64), TestImages.At(_target, 3, 0));

        Assert.True(_decoder.TryDecode(bytes, 1, _target, out failure), failure);
        Assert.Equal(255, _target.Pixels[2]); // fully transparent → white, not the hidden colour
        Assert.InRange(_target.Pixels[3], OverWhite(0, 64) - 1, OverWhite(0, 64) + 1);
    }

    private static int OverWhite(int c, int alpha) => (int)Math.Round(c * alpha / 255.0 + 255 * (1 - alpha / 255.0));

    private static void AssertNear(int r, int g, int b, (int R, int G, int B) actual)
    {
        Assert.InRange(actual.R, r - 1, r + 1);
        Assert.InRange(actual.G, g - 1, g + 1);
        Assert.InRange(actual.B, b - 1, b + 1);
    }

    [Theory]
    [InlineData(JpegColorType.YCbCrRatio444)]
    [InlineData(JpegColorType.YCbCrRatio420)]
    [InlineData(JpegColorType.Luminance)]
    public void Jpeg_decodes_close_to_the_source(JpegColorType colorType)
    {
        using var source = new Image<Rgb24>(32, 24);
        for (var y = 0; y < 24; y++)
        for (var x = 0; x < 32; x++)
            source[x, y] = x < 16 ? new Rgb24(120, 120, 120) : new Rgb24(30, 30, 30);
        var bytes = TestImages.Encode(source, new JpegEncoder { Quality = 95, ColorType = colorType });

        Assert.True(_decoder.TryDecode(bytes, 3, _target, out var failure), failure);
        Assert.InRange(TestImages.At(_target, 3, 5).G, 116, 124);
        Assert.InRange(TestImages.At(_target, 28, 20).R, 26, 34);

        Assert.True(_decoder.TryDecode(bytes, 1, _target, out failure), failure);
        Assert.InRange(_target.Pixels[5 * 32 + 3], 116, 124);
        Assert.InRange(_target.Pixels[20 * 32 + 28], 26, 34);
    }

    [Fact]
    public void Webp_lossy_decodes_close_to_the_source()
    {
        using var source = new Image<Rgb24>(16, 16, new Rgb24(90, 160, 40));
        var bytes = TestImages.Encode(source, new WebpEncoder { FileFormat = WebpFileFormatType.Lossy, Quality = 95 });
        Assert.True(_decoder.TryDecode(bytes, 3, _target, out var failure), failure);
        var (r, g, b) = TestImages.At(_target, 8, 8);
        Assert.InRange(r, 84, 96);
        Assert.InRange(g, 154, 166);
        Assert.InRange(b, 34, 46);
    }

    [Fact]
    public void Animated_gif_decodes_its_first_frame()
    {
        using var animation = new Image<Rgba32>(4, 4, new Rgba32(255, 0, 0, 255));
        using (var second = new Image<Rgba32>(4, 4, new Rgba32(0, 0, 255, 255)))
            animation.Frames.AddFrame(second.Frames.RootFrame);
        var bytes = TestImages.Encode(animation, new GifEncoder());

        Assert.True(_decoder.TryDecode(bytes, 3, _target, out var failure), failure);
        Assert.Equal((255, 0, 0), TestImages.At(_target, 2, 2));
    }

    [Fact]
    public void Target_is_resized_for_each_image()
    {
        using var big = TestImages.Rgb(40, 30);
        using var small = TestImages.Rgb(3, 2);
        Assert.True(_decoder.TryDecode(TestImages.Encode(big, new PngEncoder()), 3, _target, out _));
        Assert.True(_decoder.TryDecode(TestImages.Encode(small, new PngEncoder()), 1, _target, out _));
        Assert.Equal((3, 2, 1, 6), (_target.Width, _target.Height, _target.Channels, _target.Pixels.Length));
        TestImages.AssertLuma(TestImages.RgbAt(2, 1), _target.Pixels[5]);
    }
}
