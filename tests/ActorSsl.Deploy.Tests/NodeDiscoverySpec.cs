using ActorSsl.Cli.CommandLine;

namespace ActorSsl.Deploy.Tests;

public sealed class NodeDiscoverySpec
{
    [Fact]
    public void Kubernetes_discovery_puts_the_kubernetes_api_and_the_management_port_into_the_cluster_layer()
    {
        var layer = NodeConfig.Build(["augment"], "0.0.0.0", 4055, "10.1.2.3", [], NodeDiscovery.Parse("kubernetes"));
        Assert.Equal("kubernetes-api", layer.GetString("akka.discovery.method"));
        Assert.Equal("kubernetes-api", layer.GetString("akka.management.cluster.bootstrap.contact-point-discovery.discovery-method"));
        Assert.Equal(8558, layer.GetInt("akka.management.http.port"));
        // The bootstrap recognises itself among the discovered pod IPs by this name.
        Assert.Equal("10.1.2.3", layer.GetString("akka.management.http.hostname"));
        Assert.Equal("10.1.2.3", layer.GetString("akka.remote.dot-netty.tcp.public-hostname"));
        Assert.Empty(layer.GetStringList("akka.cluster.seed-nodes"));
        Assert.Equal("ActorSsl.Cli.Kubernetes.KubernetesPodDiscovery, actorssl", layer.GetString("akka.discovery.kubernetes-api.class"));
        Assert.NotNull(Type.GetType(layer.GetString("akka.discovery.kubernetes-api.class")));
    }

    [Fact]
    public void Seed_node_discovery_is_the_default_and_loads_nothing_of_kubernetes()
    {
        Assert.Equal(NodeDiscovery.SeedNodes, NodeDiscovery.Parse(null));
        var layer = NodeConfig.Build(["augment"], "0.0.0.0", 4055, "augment-1", ["akka.tcp://actorssl@seed:4053"]);
        Assert.False(layer.HasPath("akka.discovery.method"));
        Assert.False(layer.HasPath("akka.management.http.port"));
        Assert.Equal(["akka.tcp://actorssl@seed:4053"], layer.GetStringList("akka.cluster.seed-nodes"));
    }

    [Fact]
    public void Kubernetes_discovery_refuses_seed_nodes()
    {
        var e = Assert.Throws<CliException>(() =>
            NodeConfig.Build(["augment"], "0.0.0.0", 4055, "10.1.2.3", ["akka.tcp://actorssl@seed:4053"], NodeDiscovery.Kubernetes));
        Assert.Contains("--seed-nodes", e.Message);
    }

    [Fact]
    public void An_unknown_discovery_is_a_command_line_error()
    {
        var e = Assert.Throws<CliException>(() => NodeDiscovery.Parse("dns"));
        Assert.Contains("seed-nodes or kubernetes", e.Message);
    }
}
