using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace ActorSsl.Deploy.Tests;

/// <summary>YAML documents as YamlDotNet's node tree, with merge keys (&lt;&lt;: *anchor) resolved as compose resolves them.</summary>
internal static class Yaml
{
    public static List<YamlMappingNode> Documents(string path)
    {
        using var reader = new StringReader(File.ReadAllText(path));
        var stream = new YamlStream();
        stream.Load(new MergingParser(new Parser(reader)));
        return stream.Documents
            .Select(d => d.RootNode)
            .Select(n => n as YamlMappingNode ?? throw new InvalidDataException($"{path}: a document is not a mapping"))
            .ToList();
    }

    public static YamlNode? Get(this YamlNode node, string key) =>
        node is YamlMappingNode map && map.Children.TryGetValue(new YamlScalarNode(key), out var value) ? value : null;

    public static YamlMappingNode Map(this YamlNode node, string key) =>
        node.Get(key) as YamlMappingNode ?? throw new InvalidDataException($"'{key}' is missing or not a mapping at {node.Start}");

    public static YamlSequenceNode Seq(this YamlNode node, string key) =>
        node.Get(key) as YamlSequenceNode ?? throw new InvalidDataException($"'{key}' is missing or not a list at {node.Start}");

    public static string? Text(this YamlNode node, string key) => (node.Get(key) as YamlScalarNode)?.Value;

    public static string Scalar(this YamlNode node) =>
        (node as YamlScalarNode)?.Value ?? throw new InvalidDataException($"expected a scalar at {node.Start}");

    /// <summary>A list of scalars, or one string split into words (compose accepts both for command and entrypoint).</summary>
    public static List<string>? Words(this YamlNode node, string key) => node.Get(key) switch
    {
        null => null,
        YamlSequenceNode seq => seq.Children.Select(c => c.Scalar()).ToList(),
        YamlScalarNode scalar => Tests.Words.Split(scalar.Value ?? ""),
        var other => throw new InvalidDataException($"'{key}' at {other.Start} is neither a string nor a list"),
    };

    public static IEnumerable<(string Key, YamlNode Value)> Entries(this YamlMappingNode map) =>
        map.Children.Select(kv => (kv.Key.Scalar(), kv.Value));
}
