using System.Globalization;
using System.Text;
using Akka.Configuration;
using ActorSsl.Actors.Cluster;
using ActorSsl.Core.Settings;

namespace ActorSsl.Cli.CommandLine;

/// <summary>
/// The cluster layer of an <c>actorssl node</c>: hocon/cluster/base.conf, then hocon/cluster/ROLE.conf for each
/// role, under the command line's --host, --port, --public-host and --seed-nodes. It goes above the run's own
/// configuration (preset, --config, --set), so a preset cannot accidentally turn a node back into a local system.
/// </summary>
public static class NodeConfig
{
    public const string Directory = "hocon/cluster";

    public static IReadOnlyList<string> ParseRoles(string? text)
    {
        var roles = (text ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(r => r.ToLowerInvariant()).Distinct().ToList();
        if (roles.Count == 0) throw new CliException($"actorssl node: --roles is required: any of {string.Join(", ", ClusterRoles.All)}, comma-separated");
        var unknown = roles.Where(r => !ClusterRoles.All.Contains(r)).ToList();
        if (unknown.Count > 0) throw new CliException($"actorssl node: unknown role(s) {string.Join(", ", unknown)}; known: {string.Join(", ", ClusterRoles.All)}");
        return roles;
    }

    public static IReadOnlyList<string> ParseSeeds(string? text)
    {
        var seeds = (text ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();
        foreach (var seed in seeds)
        {
            if (!Uri.TryCreate(seed, UriKind.Absolute, out var uri) || uri.Scheme is not ("akka.tcp" or "akka.ssl.tcp")
                || uri.UserInfo != ClusterRoles.SystemName || uri.Port <= 0)
                throw new CliException($"actorssl node: seed node '{seed}' must look like akka.tcp://{ClusterRoles.SystemName}@HOST:PORT " +
                                       $"(akka.ssl.tcp:// with TLS); the system name is always '{ClusterRoles.SystemName}'");
        }
        return seeds;
    }

    /// <summary>Role files under base.conf, then the command-line values on top; with --discovery kubernetes, kubernetes.conf above base.conf.</summary>
    public static Config Build(IReadOnlyList<string> roles, string? host, int? port, string? publicHost, IReadOnlyList<string> seeds,
                               string discovery = NodeDiscovery.SeedNodes)
    {
        var kubernetes = discovery == NodeDiscovery.Kubernetes;
        // Cluster bootstrap gives up when seed nodes are configured: the two ways to find the cluster exclude each other.
        if (kubernetes && seeds.Count > 0) throw new CliException("actorssl node: --seed-nodes and --discovery kubernetes exclude each other");
        var overrides = new StringBuilder();
        overrides.Append("akka.cluster.roles = [").Append(string.Join(", ", roles.Select(Quote))).Append("]\n");
        if (host != null) overrides.Append("akka.remote.dot-netty.tcp.hostname = ").Append(Quote(host)).Append('\n');
        if (publicHost != null) overrides.Append("akka.remote.dot-netty.tcp.public-hostname = ").Append(Quote(publicHost)).Append('\n');
        if (port != null) overrides.Append("akka.remote.dot-netty.tcp.port = ").Append(port.Value.ToString(CultureInfo.InvariantCulture)).Append('\n');
        if (seeds.Count > 0) overrides.Append("akka.cluster.seed-nodes = [").Append(string.Join(", ", seeds.Select(Quote))).Append("]\n");
        // The bootstrap recognises itself among the discovered pod IPs by its management hostname.
        if (kubernetes && publicHost != null) overrides.Append("akka.management.http.hostname = ").Append(Quote(publicHost)).Append('\n');

        // Where role files disagree (the default port), seed wins over trainer over augment: a seed is listed by
        // address in everyone's seed-nodes, so it keeps the well-known port.
        var config = ConfigurationFactory.ParseString(overrides.ToString());
        foreach (var role in new[] { ClusterRoles.Seed, ClusterRoles.Trainer, ClusterRoles.Augment }.Where(roles.Contains))
            config = config.WithFallback(Load($"{Directory}/{role}.conf"));
        if (kubernetes) config = config.WithFallback(Load(NodeDiscovery.KubernetesConf));
        return config.WithFallback(Load($"{Directory}/base.conf"));
    }

    /// <summary>hocon/cluster/base.conf alone: remoting settings (frame size, socket buffers) shared by every node.</summary>
    public static Config BaseLayer() => Load($"{Directory}/base.conf");

    private static Config Load(string relative)
    {
        var path = Presets.Find(relative)
                   ?? throw new CliException($"actorssl node: {relative} not found (it ships with ActorSsl's hocon/ folder; run from the repository or keep hocon/ next to the program)");
        try
        {
            return ConfigurationFactory.ParseString(File.ReadAllText(path));
        }
        catch (Exception e) when (e is not CliException)
        {
            throw new ActorSslConfigException($"{path}: not valid HOCON: {e.Message}", e);
        }
    }

    private static string Quote(string value) => "\"" + value.Replace("\\", "\\\\").Replace("\"", "\\\"") + "\"";
}
