using YamlDotNet.RepresentationModel;

namespace ActorSsl.Deploy.Tests;

/// <summary>deploy/compose.yaml: its services and the `actorssl node` command line each one runs.</summary>
internal sealed class Compose
{
    public const string File = "deploy/compose.yaml";

    /// <summary>The image's ENTRYPOINT (deploy/Dockerfile; DockerfileSpec checks it), which a service's command follows.</summary>
    public static readonly string[] ImageEntrypoint = ["dotnet", "/app/actorssl.dll"];

    public Compose()
    {
        var documents = Yaml.Documents(Repo.File(File));
        Assert.Single(documents);
        Root = documents[0];
        Services = Root.Map("services").Entries().ToDictionary(e => e.Key, e => (YamlMappingNode)e.Value);
    }

    public YamlMappingNode Root { get; }

    public Dictionary<string, YamlMappingNode> Services { get; }

    /// <summary>
    /// The argv after `dotnet /app/actorssl.dll`: the command after the image's entrypoint, or, where a service
    /// replaces the entrypoint with `/bin/sh -c "exec dotnet /app/actorssl.dll …"`, the words of that script.
    /// </summary>
    public List<string> NodeArgv(string service)
    {
        var definition = Services[service];
        var entrypoint = definition.Words("entrypoint")?.Select(Interpolate).ToList();
        if (entrypoint == null) return definition.Words("command")?.Select(Interpolate).ToList() ?? throw new InvalidDataException($"{service}: no command");
        Assert.True(entrypoint.Count == 3 && entrypoint[0] == "/bin/sh" && entrypoint[1] == "-c",
            $"{service}: an entrypoint must be /bin/sh -c \"exec dotnet /app/actorssl.dll …\", got {string.Join(' ', entrypoint)}");
        Assert.Null(definition.Get("command"));
        var words = Words.Split(entrypoint[2]);
        Assert.True(words.Count > 3 && words[0] == "exec" && words.Skip(1).Take(2).SequenceEqual(ImageEntrypoint),
            $"{service}: the script must exec dotnet /app/actorssl.dll (so the node is PID 1 and gets SIGTERM), got: {entrypoint[2]}");
        return words.Skip(3).ToList();
    }

    public NodeArgs Node(string service) => NodeArgs.Parse($"{File} service {service}", NodeArgv(service));

    /// <summary>
    /// What compose makes of a string: $$ is a literal $; a single $ would take a value from the environment of
    /// whoever runs compose, which no ActorSsl service may depend on.
    /// </summary>
    private static string Interpolate(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] != '$') continue;
            Assert.True(i + 1 < text.Length && text[i + 1] == '$', $"{File}: '{text}' interpolates a host variable; write $$ for a literal $");
            i++;
        }
        return text.Replace("$$", "$");
    }
}
