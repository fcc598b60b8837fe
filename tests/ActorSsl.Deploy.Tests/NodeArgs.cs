using Akka.Configuration;
using ActorSsl.Cli.CommandLine;

namespace ActorSsl.Deploy.Tests;

/// <summary>
/// The command line a deployment file gives <c>actorssl node</c>, read with the node's own parser and checks
/// (CliArguments, NodeConfig.ParseRoles/ParseSeeds, NodeDiscovery.Parse), so an unknown option, an unknown role or a
/// malformed seed address fails the test as it would fail the node.
/// </summary>
internal sealed class NodeArgs
{
    // NodeCommand's options and flag, and the train job's options (TrainCommand).
    private static readonly HashSet<string> Options =
        ["roles", "host", "port", "public-host", "seed-nodes", "discovery", "job", .. RunConfiguration.Options, "summary-json", "resume", "checkpoint-dir"];
    private static readonly HashSet<string> Flags = ["once"];

    private readonly CliArguments _args;

    private NodeArgs(string where, CliArguments args)
    {
        Where = where;
        _args = args;
    }

    /// <summary>Which file and service the command line came from, for failure messages.</summary>
    public string Where { get; }

    public static NodeArgs Parse(string where, IReadOnlyList<string> argv)
    {
        Assert.True(argv.Count > 0 && argv[0] == "node", $"{where}: expected 'node …', got '{string.Join(' ', argv)}'");
        return new NodeArgs(where, CliArguments.Parse("node", argv.Skip(1).ToList(), Options, Flags));
    }

    public IReadOnlyList<string> Roles => NodeConfig.ParseRoles(_args.String("roles"));

    public int? Port => _args.Int("port");

    public string? Host => _args.String("host");

    public string? PublicHost => _args.String("public-host");

    public IReadOnlyList<string> SeedNodes => NodeConfig.ParseSeeds(_args.String("seed-nodes"));

    public string Discovery => NodeDiscovery.Parse(_args.String("discovery"));

    public string? Option(string name) => _args.String(name);

    /// <summary>The single role of a node that has exactly one (every deployment here runs one role per node).</summary>
    public string Role
    {
        get
        {
            Assert.True(Roles.Count == 1, $"{Where}: expected one role, got {string.Join(",", Roles)}");
            return Roles[0];
        }
    }

    /// <summary>The cluster configuration layer `actorssl node` builds from this command line.</summary>
    public Config ClusterLayer() => NodeConfig.Build(Roles, Host, Port, PublicHost, SeedNodes, Discovery);
}
