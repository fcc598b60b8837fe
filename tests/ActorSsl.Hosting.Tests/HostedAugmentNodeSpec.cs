using Akka.Actor;
using Akka.Cluster.Hosting;
using Akka.Hosting;
using Akka.Hosting.TestKit;
using Akka.Remote.Hosting;
using ActorSsl.Actors.Cluster;
using ActorSsl.Core.Serialization;
using ActorSsl.Data.Epochs;
using ActorSsl.Hosting.Tests.Support;

namespace ActorSsl.Hosting.Tests;

/// <summary>
/// One clustered host with the roles trainer and augment: a run with no local workers, and an augment node in the same
/// ActorSystem that must find the run through cluster membership and the run host, exactly as a node on another machine does.
/// </summary>
public class HostedAugmentNodeSpec(ITestOutputHelper output) : TestKit("actorssl", output, TimeSpan.FromSeconds(30))
{
    private readonly SyntheticSource _source = new(200);
    private int _batches;

    protected override void ConfigureAkka(AkkaConfigurationBuilder builder, IServiceProvider provider) =>
        builder
            .WithRemoting(new RemoteOptions { HostName = "127.0.0.1", Port = 0, MaxFrameSize = 4 * 1024 * 1024 })
            .WithClustering(new ClusterOptions { Roles = [ClusterRoles.Trainer, ClusterRoles.Augment] })
            .WithActorSsl(SpecConfig.Create())
            .WithActorSslClusterSecurity()
            .WithActorSslPipeline(new ActorSslPipelineOptions
            {
                Source = _ => _source,
                LocalWorkers = 0,
                OnBatch = (_, _) =>
                {
                    _batches++;
                    return ValueTask.CompletedTask;
                },
            })
            .WithActorSslAugmentNode(new ActorSslAugmentNodeOptions { Workers = 2 })
            .WithActors((system, _) =>
            {
                var cluster = Akka.Cluster.Cluster.Get(system);
                cluster.Join(cluster.SelfAddress);
            });

    [Fact]
    public async Task Augment_node_in_the_same_host_must_find_the_run_and_serve_it_to_the_end()
    {
        var report = await ActorSslRunHandle.For(Sys).Completion.WaitAsync(TimeSpan.FromSeconds(90), TestContext.Current.CancellationToken);

        var planned = EpochPlan.PlannedPerEpoch(200, 16, dropLast: true);
        Assert.Equal(2, report.Epochs.Count);
        Assert.All(report.Epochs, e => Assert.Equal(planned, e.Delivered));
        Assert.Equal(0, report.Missing);
        Assert.Empty(report.Skipped);
        Assert.Equal(2 * planned / 16, _batches);

        // The node served exactly this run and went back to waiting when the run host told it the run ended.
        var node = await ActorRegistry.GetAsync<AugmentNode>(TestContext.Current.CancellationToken);
        await AwaitAssertAsync(async () =>
        {
            var status = await node.Ask<AugmentNode.Status>(AugmentNode.GetStatus.Instance, TimeSpan.FromSeconds(3));
            Assert.Equal(1, status.RunsServed);
            Assert.Null(status.RunId);
            Assert.Equal(1, status.TrainerNodes);
        }, TimeSpan.FromSeconds(10), cancellationToken: TestContext.Current.CancellationToken);
    }

    [Fact]
    public void Cluster_security_must_replace_the_JSON_serializer()
    {
        // A type with no binding falls back to the serializer bound to object: the JSON one, here the rejecting one.
        var fallback = Sys.Serialization.FindSerializerForType(typeof(Unbound));
        Assert.IsType<RejectingSerializer>(fallback);
        Assert.Equal(RejectingSerializer.JsonSerializerId, fallback.Identifier);
        Assert.True(Akka.Cluster.Cluster.Get(Sys).SelfRoles.SetEquals([ClusterRoles.Trainer, ClusterRoles.Augment]));
    }

    private sealed record Unbound(string Text);
}
