using System.Net;
using System.Net.Sockets;
using Akka.Actor;
using Akka.Cluster;
using Akka.Configuration;
using Akka.Management.Cluster.Bootstrap.ContactPoint;
using Akka.Management.Dsl;
using ActorSsl.Cli.CommandLine;
using ActorSsl.Cli.Kubernetes;
using Newtonsoft.Json;

namespace ActorSsl.Deploy.Tests;

/// <summary>
/// The bootstrap path of `actorssl node --discovery kubernetes` on loopback: Akka.Management's ClusterBootstrap
/// probing ActorSsl's contact points, with config discovery standing in for the Kubernetes API (PodTargetsSpec
/// covers reading the pod list). Two nodes, 127.0.0.1 only, bounded in time.
/// </summary>
public sealed class BootstrapSpec : IAsyncLifetime
{
    private readonly List<ActorSystem> _systems = new();

    [Fact]
    public async Task Two_nodes_that_discover_each_other_form_one_cluster_through_the_contact_points()
    {
        var ports = new[] { FreePort(), FreePort() };
        foreach (var port in ports) _systems.Add(Node(port, ports));
        foreach (var system in _systems) NodeDiscovery.StartBootstrap(system);

        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(40);
        while (!_systems.All(s => Cluster.Get(s).State.Members.Count(m => m.Status == MemberStatus.Up) == 2))
        {
            Assert.True(DateTime.UtcNow < deadline, "the two nodes did not form one cluster within 40 s: " +
                string.Join("; ", _systems.Select(s => $"{Cluster.Get(s).SelfAddress}: {string.Join(", ", Cluster.Get(s).State.Members)}")));
            await Task.Delay(200);
        }

        // What a prober reads from a member: itself and both members, in Akka.Management's own types.
        using var http = new HttpClient();
        var body = await http.GetStringAsync($"http://127.0.0.1:{ports[0]}{BootstrapContactPoint.Path}");
        var seeds = JsonConvert.DeserializeObject<HttpBootstrapJsonProtocol.SeedNodes>(body)!;
        Assert.Equal(Cluster.Get(_systems[0]).SelfAddress, seeds.SelfNode);
        Assert.Equal(_systems.Select(s => Cluster.Get(s).SelfAddress).Order(), seeds.Nodes.Select(n => n.Node).Order());
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync($"http://127.0.0.1:{ports[0]}/bootstrap/other")).StatusCode);
    }

    [Fact]
    public async Task A_node_that_has_not_joined_yet_answers_with_itself_and_no_members()
    {
        var port = FreePort();
        var system = Node(port, [port]);
        _systems.Add(system);
        BootstrapContactPoint.Start(system, "127.0.0.1", port);

        using var http = new HttpClient();
        var response = await http.GetAsync($"http://127.0.0.1:{port}{BootstrapContactPoint.Path}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var seeds = JsonConvert.DeserializeObject<HttpBootstrapJsonProtocol.SeedNodes>(await response.Content.ReadAsStringAsync())!;
        Assert.Equal(Cluster.Get(system).SelfAddress, seeds.SelfNode);
        Assert.Empty(seeds.Nodes);
    }

    /// <summary>
    /// Why BootstrapContactPoint exists. When this fails, the Ceen.Httpd that NuGet serves fits Akka.Http.Shim again:
    /// NodeDiscovery.StartBootstrap can go back to AkkaManagement.Get(system).Start() and BootstrapContactPoint can go.
    /// </summary>
    [Fact]
    public async Task Akka_Management_own_http_endpoint_still_cannot_start_with_the_served_Ceen_Httpd()
    {
        var port = FreePort();
        var system = Node(port, [port]);
        _systems.Add(system);
        var e = await Assert.ThrowsAsync<InvalidOperationException>(() => AkkaManagement.Get(system).Start());
        Assert.IsType<MissingMethodException>(e.InnerException);
        Assert.Contains("Ceen.Httpd", e.InnerException!.Message);
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var system in _systems)
            await CoordinatedShutdown.Get(system).Run(CoordinatedShutdown.ClrExitReason.Instance).WaitAsync(TimeSpan.FromSeconds(20));
    }

    private static ActorSystem Node(int managementPort, int[] contactPorts)
    {
        var endpoints = string.Join(", ", contactPorts.Select(p => $"\"127.0.0.1:{p}\""));
        var config = ConfigurationFactory.ParseString($$"""
            akka.loglevel = WARNING
            akka.actor.provider = cluster
            akka.remote.dot-netty.tcp { hostname = 127.0.0.1, port = 0 }
            akka.coordinated-shutdown.run-by-clr-shutdown-hook = off
            akka.management.http { hostname = 127.0.0.1, bind-hostname = 127.0.0.1, port = {{managementPort}} }
            akka.management.cluster.bootstrap {
              contact-point-discovery {
                service-name = actorssl
                discovery-method = config
                port-name = ""
                required-contact-point-nr = {{contactPorts.Length}}
                stable-margin = 1s
                interval = 500ms
              }
              # Both contact points are on 127.0.0.1, told apart by port only.
              contact-point { filter-on-fallback-port = false, probe-interval = 500ms }
            }
            akka.discovery.method = config
            akka.discovery.config.services.actorssl.endpoints = [{{endpoints}}]
            """);
        return ActorSystem.Create("actorssl", config.WithFallback(NodeDiscovery.ModuleDefaults));
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
