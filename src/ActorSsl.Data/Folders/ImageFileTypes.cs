namespace ActorSsl.Data.Folders;

/// <summary>
/// File extensions listed as images: the formats ImageSharp 2.1.13 decodes (BMP, GIF, JPEG, PNG, TGA, TIFF,
/// WebP, PBM/PGM/PPM). Matching is case-insensitive; every other file (README.txt, labels.csv…) is ignored.
/// The decoder sniffs the real format from the content, so a mislabelled file still decodes (or fails cleanly).
/// </summary>
public static class ImageFileTypes
{
    private static readonly HashSet<string> Known = new(StringComparer.OrdinalIgnoreCase)
    {
        ".bmp", ".gif", ".jpg", ".jpeg", ".jpe", ".jfif", ".png", ".tga", ".tif", ".tiff", ".webp", ".pbm", ".pgm", ".ppm",
    };

    /// <summary>The extensions, with the leading dot, lower case.</summary>
    public static IReadOnlyCollection<string> Extensions => Known;

    /// <summary>True when the file name ends with one of <see cref="Extensions"/> (any case).</summary>
    public static bool IsImageFile(string path) => Known.Contains(Path.GetExtension(path));
}
