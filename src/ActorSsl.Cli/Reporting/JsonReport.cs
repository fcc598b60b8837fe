using System.Text.Json;

namespace ActorSsl.Cli.Reporting;

/// <summary>Writes a summary as indented JSON atomically (temp file, then rename), creating its folder.</summary>
public static class JsonReport
{
    public static void Write<T>(string path, T report)
    {
        var full = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        File.WriteAllText(full + ".tmp", JsonSerializer.Serialize(report, new JsonSerializerOptions { WriteIndented = true }));
        File.Move(full + ".tmp", full, overwrite: true);
    }
}
