using ActorSsl.Actors.Cluster;
using YamlDotNet.RepresentationModel;

namespace ActorSsl.Deploy.Tests;

public sealed class ComposeSpec
{
    private readonly Compose _compose = new();

    [Fact]
    public void Every_service_runs_one_known_role_named_like_the_service()
    {
        Assert.Equal(new[] { "augment", "seed", "trainer" }, _compose.Services.Keys.Order());
        foreach (var service in _compose.Services.Keys)
        {
            var node = _compose.Node(service);
            Assert.Contains(node.Role, ClusterRoles.All);
            Assert.Equal(service, node.Role);
        }
    }

    [Fact]
    public void Every_node_uses_its_role_port_from_hocon_cluster()
    {
        foreach (var service in _compose.Services.Keys)
        {
            var node = _compose.Node(service);
            Assert.Equal(Repo.RolePort(node.Role), node.Port);
            // And that is what the node's cluster layer ends up with.
            Assert.Equal(Repo.RolePort(node.Role), node.ClusterLayer().GetInt("akka.remote.dot-netty.tcp.port"));
        }
    }

    [Fact]
    public void Seed_nodes_name_the_actorssl_system_at_the_seed_service_and_port()
    {
        var seeds = _compose.Services.Keys.Where(s => _compose.Node(s).Roles.Contains(ClusterRoles.Seed)).ToList();
        Assert.Single(seeds);
        foreach (var service in _compose.Services.Keys.Except(seeds))
        {
            var node = _compose.Node(service);
            Assert.NotEmpty(node.SeedNodes);
            foreach (var address in node.SeedNodes.Select(a => new Uri(a)))
            {
                Assert.Equal("akka.tcp", address.Scheme);
                Assert.Equal(ClusterRoles.SystemName, address.UserInfo);
                Assert.Contains(address.Host, seeds);
                Assert.Equal(Repo.RolePort(ClusterRoles.Seed), address.Port);
                Assert.Equal(_compose.Node(address.Host).Port, address.Port);
            }
        }
    }

    [Fact]
    public void Every_node_listens_on_all_interfaces_and_advertises_a_name_the_others_resolve()
    {
        foreach (var (service, definition) in _compose.Services)
        {
            var node = _compose.Node(service);
            Assert.Equal("0.0.0.0", node.Host);
            if (service == ClusterRoles.Augment)
            {
                // Replicas: each advertises its own container hostname, expanded by the shell in the container.
                Assert.Equal("$HOSTNAME", node.PublicHost);
                Assert.Null(definition.Get("hostname"));
            }
            else
            {
                // A single container: the service name, which is also its hostname.
                Assert.Equal(service, node.PublicHost);
                Assert.Equal(service, definition.Text("hostname"));
            }
        }
    }

    [Fact]
    public void Augment_service_can_be_scaled()
    {
        var augment = _compose.Services[ClusterRoles.Augment];
        // A fixed container name or a published host port allows one replica only.
        Assert.Null(augment.Get("container_name"));
        Assert.Null(augment.Get("ports"));
        Assert.Empty(_compose.Node(ClusterRoles.Augment).SeedNodes.Where(s => s.Contains("augment")));
    }

    [Fact]
    public void No_service_runs_as_root()
    {
        foreach (var (service, definition) in _compose.Services)
        {
            var user = definition.Text("user");
            Assert.False(string.IsNullOrEmpty(user), $"{service}: no user (the image's is not enough: an override could drop it)");
            var uid = user!.Split(':')[0];
            Assert.True(int.TryParse(uid, out var number) && number > 0, $"{service}: user '{user}' is root or not numeric");
            Assert.Equal(DockerfileSpec.ImageUid(), number);
        }
    }

    [Fact]
    public void Trainer_resumes_keeps_its_checkpoints_on_a_volume_and_reads_the_dataset_from_the_host_read_only()
    {
        var trainer = _compose.Services[ClusterRoles.Trainer];
        var node = _compose.Node(ClusterRoles.Trainer);
        Assert.Equal("auto", node.Option("resume"));

        var mounts = trainer.Seq("volumes").Children.Cast<YamlMappingNode>().ToList();
        var checkpoints = node.Option("checkpoint-dir")!;
        var runs = Assert.Single(mounts, m => checkpoints.StartsWith(m.Text("target")! + "/", StringComparison.Ordinal));
        Assert.Equal("volume", runs.Text("type"));
        Assert.Contains(runs.Text("source")!, _compose.Root.Map("volumes").Entries().Select(e => e.Key));

        var data = Assert.Single(mounts, m => m.Text("type") == "bind");
        Assert.Equal("/usr/share/datasets/fashion-mnist", data.Text("source"));
        Assert.Equal(Repo.Hocon("src/ActorSsl.Core/reference.conf").GetString("actorssl.data.path"), data.Text("target"));
        Assert.Equal("true", data.Text("read_only"));
    }

    [Fact]
    public void Trainer_has_time_to_checkpoint_when_stopped_and_is_not_restarted_after_a_finished_run()
    {
        var trainer = _compose.Services[ClusterRoles.Trainer];
        Assert.True(StopTimes.Seconds(trainer.Text("stop_grace_period")!) >= StopTimes.TrainerMinimumSeconds);
        Assert.Equal("on-failure", trainer.Text("restart"));
    }
}
