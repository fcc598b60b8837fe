namespace ActorSsl.Data.Folders;

/// <summary>
/// Lists image files under a folder: hidden entries (names starting with '.') are skipped, inaccessible
/// folders are skipped, and recursion never enters a symbolic link to a directory (a link loop cannot hang
/// the scan). Results are full paths sorted ordinally by their path relative to the scanned folder.
/// </summary>
internal static class FolderScanner
{
    private static readonly EnumerationOptions OneLevel = new()
    {
        RecurseSubdirectories = false,
        IgnoreInaccessible = true,
        AttributesToSkip = FileAttributes.Hidden | FileAttributes.System,
        MatchType = MatchType.Simple,
    };

    public static List<string> ImageFiles(string directory, bool recursive)
    {
        var files = new List<string>();
        Collect(directory, recursive, files);
        files.Sort(StringComparer.Ordinal);
        return files;
    }

    public static bool HasImageFiles(string directory, bool recursive)
    {
        if (Directory.EnumerateFiles(directory, "*", OneLevel).Any(ImageFileTypes.IsImageFile)) return true;
        return recursive && RealSubdirectories(directory).Any(sub => HasImageFiles(sub, recursive: true));
    }

    /// <summary>Immediate subfolders, following a link only at this level (used for class folders).</summary>
    public static List<string> Subdirectories(string directory)
    {
        var list = Directory.EnumerateDirectories(directory, "*", OneLevel).ToList();
        list.Sort(StringComparer.Ordinal);
        return list;
    }

    private static void Collect(string directory, bool recursive, List<string> files)
    {
        files.AddRange(Directory.EnumerateFiles(directory, "*", OneLevel).Where(ImageFileTypes.IsImageFile));
        if (!recursive) return;
        foreach (var sub in RealSubdirectories(directory)) Collect(sub, recursive: true, files);
    }

    private static IEnumerable<string> RealSubdirectories(string directory) =>
        new DirectoryInfo(directory).EnumerateDirectories("*", OneLevel).Where(d => d.LinkTarget is null).Select(d => d.FullName);
}
