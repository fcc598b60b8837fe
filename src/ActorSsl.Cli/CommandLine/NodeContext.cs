using Akka.Actor;
using Akka.Configuration;
using Akka.Cluster;
using ActorSsl.Actors.Cluster;

namespace ActorSsl.Cli.CommandLine;

/// <summary>What a job (train, pipeline) needs to know when it runs on a cluster node: the cluster configuration layer.</summary>
public sealed record NodeContext(Config ClusterLayer, IReadOnlyList<string> Roles, string Discovery = NodeDiscovery.SeedNodes)
{
    /// <summary>The node's actor system: cluster layer over the run configuration; joins its seed nodes at once.</summary>
    public ActorSystem CreateSystem(Config runConfig)
    {
        var config = ClusterLayer.WithFallback(runConfig);
        var tls = ClusterTls.Load(config);
        if (Discovery == NodeDiscovery.Kubernetes)
        {
            // No seed nodes: the bootstrap finds the other pods and joins (or forms) the cluster.
            var pod = CliActorSystem.Create(config.WithFallback(NodeDiscovery.ModuleDefaults), tls);
            Console.Error.WriteLine($"actorssl node: {Akka.Cluster.Cluster.Get(pod).SelfAddress} with role(s) {string.Join(", ", Roles)}");
            NodeDiscovery.StartBootstrap(pod);
            return pod;
        }
        var system = CliActorSystem.Create(config, tls);
        var cluster = Akka.Cluster.Cluster.Get(system);
        if (tls != null) Console.Error.WriteLine($"actorssl node: TLS on; cluster certificate {tls.Certificate.Subject}, SHA-256 {tls.Fingerprint}" +
                                                 (tls.Settings.Pin ? " (pinned)" : " (validated against the system trust store)"));
        Console.Error.WriteLine($"actorssl node: {cluster.SelfAddress} with role(s) {string.Join(", ", Roles)}; seed nodes: " +
                                (cluster.Settings.SeedNodes.Count == 0 ? "none (joins itself)" : string.Join(", ", cluster.Settings.SeedNodes)));
        if (cluster.Settings.SeedNodes.Count == 0) cluster.Join(cluster.SelfAddress);
        return system;
    }
}
