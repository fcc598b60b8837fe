namespace ActorSsl.Cli.CommandLine;

/// <summary>Finds a preset shipped in hocon/: relative to the working directory first, then above the program.</summary>
public static class Presets
{
    public static string? Find(string relative)
    {
        if (File.Exists(relative)) return relative;
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir != null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, relative);
            if (File.Exists(candidate)) return candidate;
        }
        return null;
    }
}
