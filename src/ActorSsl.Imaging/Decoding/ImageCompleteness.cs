using SixLabors.ImageSharp.Formats;
using SixLabors.ImageSharp.Formats.Bmp;
using SixLabors.ImageSharp.Formats.Gif;
using SixLabors.ImageSharp.Formats.Jpeg;
using SixLabors.ImageSharp.Formats.Pbm;
using SixLabors.ImageSharp.Formats.Png;
using SixLabors.ImageSharp.Formats.Tga;
using SixLabors.ImageSharp.Formats.Tiff;
using SixLabors.ImageSharp.Formats.Webp;

namespace ActorSsl.Imaging.Decoding;

/// <summary>
/// Detects encoded images that were cut short. ImageSharp 2.1.13 decodes truncated JPEG, PNG, GIF, BMP, TIFF,
/// WebP and PBM/PGM/PPM files WITHOUT an error, silently filling the missing part with grey or black, so every
/// format gets a cheap structural walk here (no pixel decoding, no allocation, linear in the file size).
/// A walk only reports data that ends too early; anything else malformed is left to the decoder.
/// </summary>
public static class ImageCompleteness
{
    /// <summary>Returns a one-line reason when <paramref name="encoded"/> is truncated, or null when it looks complete.</summary>
    public static string? FindTruncation(ReadOnlySpan<byte> encoded, IImageFormat format) => format switch
    {
        JpegFormat => JpegStructure.FindTruncation(encoded),
        PngFormat => PngStructure.FindTruncation(encoded),
        GifFormat => GifStructure.FindTruncation(encoded),
        BmpFormat => BmpStructure.FindTruncation(encoded),
        TiffFormat => TiffStructure.FindTruncation(encoded),
        WebpFormat => WebpStructure.FindTruncation(encoded),
        PbmFormat => PnmStructure.FindTruncation(encoded),
        TgaFormat => TgaStructure.FindTruncation(encoded),
        _ => null,
    };
}
