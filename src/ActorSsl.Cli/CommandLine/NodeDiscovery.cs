using Akka.Actor;
using Akka.Configuration;
using Akka.Discovery;
using Akka.Management;
using Akka.Management.Dsl;
using Akka.Management.Cluster.Bootstrap;
using ActorSsl.Cli.Kubernetes;

namespace ActorSsl.Cli.CommandLine;

/// <summary>
/// How an <c>actorssl node</c> finds its cluster (<c>--discovery</c>): the addresses given with --seed-nodes, or
/// Akka.Management's cluster bootstrap over the Kubernetes API (hocon/cluster/kubernetes.conf, deploy/kubernetes/),
/// with ActorSsl's own contact point (<see cref="BootstrapContactPoint"/>) and pod lookup
/// (<see cref="KubernetesPodDiscovery"/>) where the Akka.Management 1.5.73 modules fail with the packages NuGet serves.
/// </summary>
public static class NodeDiscovery
{
    public const string SeedNodes = "seed-nodes";
    public const string Kubernetes = "kubernetes";

    /// <summary>The cluster-layer file loaded with <c>--discovery kubernetes</c>, relative to the repository (or program) root.</summary>
    public const string KubernetesConf = "hocon/cluster/kubernetes.conf";

    public static string Parse(string? text) => (text ?? SeedNodes).Trim().ToLowerInvariant() switch
    {
        SeedNodes => SeedNodes,
        Kubernetes => Kubernetes,
        _ => throw new CliException($"actorssl node: --discovery '{text}' must be {SeedNodes} or {Kubernetes}"),
    };

    /// <summary>Akka.Management's and Akka.Discovery's reference configurations, under everything else.</summary>
    public static Config ModuleDefaults { get; } = AkkaManagementProvider.DefaultConfiguration()
        .WithFallback(DiscoveryProvider.DefaultConfiguration());

    /// <summary>
    /// Serves the bootstrap contact point (akka.management.http: bind-hostname, port; see
    /// <see cref="BootstrapContactPoint"/> for why not AkkaManagement.Start()), tells the bootstrap its own contact point
    /// (akka.management.http.hostname: the pod IP), then starts the bootstrap, which joins or forms the cluster.
    /// </summary>
    public static void StartBootstrap(ActorSystem system)
    {
        var http = AkkaManagementSettings.Create(system.Settings.Config).Http;
        BootstrapContactPoint.Start(system, http.EffectiveBindHostname, http.EffectiveBindPort);
        var host = http.Hostname.Contains(':') ? $"[{http.Hostname}]" : http.Hostname;
        var self = new Uri($"http://{host}:{http.Port}/");
        var bootstrap = ClusterBootstrap.Get(system);
        // Routes() is how Akka.Management hands the bootstrap its self contact point; the routes themselves are not served.
        bootstrap.Routes(ManagementRouteProviderSettings.Create(self, true));
        bootstrap.Start().GetAwaiter().GetResult();
        Console.Error.WriteLine($"actorssl node: cluster bootstrap through the Kubernetes API; contact point {self} " +
                                $"(listening on {http.EffectiveBindHostname}:{http.EffectiveBindPort})");
    }
}
