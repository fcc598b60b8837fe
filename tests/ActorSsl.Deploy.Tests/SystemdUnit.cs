namespace ActorSsl.Deploy.Tests;

/// <summary>A systemd unit file: [Section] Key=Value lines (a key may repeat), # and ; comments, \ continuations.</summary>
internal sealed class SystemdUnit
{
    public const string Directory = "deploy/systemd";

    private readonly Dictionary<string, Dictionary<string, List<string>>> _sections = new();

    public SystemdUnit(string name)
    {
        Name = name;
        Dictionary<string, List<string>>? section = null;
        var pending = "";
        foreach (var raw in System.IO.File.ReadAllLines(Repo.File($"{Directory}/{name}")))
        {
            var line = pending + raw.Trim();
            pending = "";
            if (line.Length == 0 || line[0] is '#' or ';') continue;
            if (line.EndsWith('\\'))
            {
                pending = line[..^1] + " ";
                continue;
            }
            if (line[0] == '[')
            {
                Assert.EndsWith("]", line);
                section = new Dictionary<string, List<string>>();
                _sections.Add(line[1..^1], section);
                continue;
            }
            Assert.True(section != null, $"{name}: '{line}' before any [Section]");
            var eq = line.IndexOf('=');
            Assert.True(eq > 0, $"{name}: '{line}' is not Key=Value");
            var key = line[..eq].Trim();
            if (!section!.TryGetValue(key, out var values)) section[key] = values = new List<string>();
            values.Add(line[(eq + 1)..].Trim());
        }
    }

    public string Name { get; }

    public IReadOnlyList<string> All(string section, string key) =>
        _sections.TryGetValue(section, out var s) && s.TryGetValue(key, out var v) ? v : [];

    public string? Get(string section, string key) => All(section, key) is { Count: > 0 } values ? values[^1] : null;

    /// <summary>KEY=VALUE lines of an environment file (deploy/systemd/actorssl.env).</summary>
    public static Dictionary<string, string> Environment(string relative) =>
        System.IO.File.ReadAllLines(Repo.File(relative))
            .Select(l => l.Trim())
            .Where(l => l.Length > 0 && l[0] != '#')
            .Select(l => (Key: l[..l.IndexOf('=')], Value: l[(l.IndexOf('=') + 1)..]))
            .ToDictionary(kv => kv.Key, kv => kv.Value);
}
