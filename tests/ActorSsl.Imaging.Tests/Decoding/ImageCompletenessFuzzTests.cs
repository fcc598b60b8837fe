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

namespace ActorSsl.Imaging.Tests.Decoding;

/// <summary>The structural walks read hostile bytes directly, so they must never throw, whatever they are fed.</summary>
public sealed class ImageCompletenessFuzzTests
{
    private static readonly IImageFormat[] AllFormats =
    [
        JpegFormat.Instance, PngFormat.Instance, GifFormat.Instance, BmpFormat.Instance, TiffFormat.Instance,
        WebpFormat.Instance, PbmFormat.Instance, TgaFormat.Instance,
    ];

    private static IEnumerable<byte[]> Seeds()
    {
        using var image = TestImages.Noise(24, 18, seed: 9);
        IImageEncoder[] encoders =
        [
            new JpegEncoder(), new PngEncoder(), new GifEncoder(), new BmpEncoder(), new TiffEncoder(),
            new WebpEncoder(), new PbmEncoder(), new PbmEncoder { Encoding = PbmEncoding.Plain }, new TgaEncoder(),
            new TgaEncoder { Compression = TgaCompression.RunLength },
        ];
        foreach (var encoder in encoders) yield return TestImages.Encode(image, encoder);
        yield return HandMadeImages.GrayTiffDirectoryFirst(9, 7);
        yield return HandMadeImages.BmpHeaderClaiming(int.MaxValue, int.MinValue);
        yield return HandMadeImages.PngClaiming(50000, 50000);
    }

    [Fact]
    public void Complete_encodings_are_not_reported_as_truncated()
    {
        foreach (var seed in Seeds().Where(s => s.Length > 100))
        {
            var format = Image.DetectFormat(seed);
            Assert.Null(ImageCompleteness.FindTruncation(seed, format));
        }
    }

    [Fact]
    public void Mutated_and_cut_encodings_never_throw()
    {
        var random = new Random(2024);
        foreach (var seed in Seeds())
        for (var round = 0; round < 400; round++)
        {
            var bytes = (byte[])seed.Clone();
            var mutations = random.Next(1, 6);
            for (var m = 0; m < mutations; m++)
            {
                // Bias towards headers and directories, where lengths and offsets live.
                var at = random.Next(2) == 0 ? random.Next(Math.Min(bytes.Length, 64)) : random.Next(bytes.Length);
                bytes[at] = random.Next(3) == 0 ? (byte)0xFF : (byte)random.Next(256);
            }
            var length = random.Next(3) == 0 ? random.Next(bytes.Length + 1) : bytes.Length;
            foreach (var format in AllFormats)
                ImageCompleteness.FindTruncation(bytes.AsSpan(0, length), format); // must not throw
        }
    }
}
