using Akka.Actor;
using Akka.Configuration;
using Akka.TestKit.Xunit2;
using ActorSsl.Actors.Cluster;
using ActorSsl.Actors.Tests.Support;
using ActorSsl.Core.Settings;
using ActorSsl.Data.Epochs;

namespace ActorSsl.Actors.Tests.Cluster;

/// <summary>
/// The test kit's system is a seed+trainer node with no local workers; augment nodes are other ActorSystems
/// (loopback, real remoting): they find the run by membership, leases and credits work across nodes, every
/// sample arrives exactly once.
/// </summary>
public class ClusterPipelineSpec() : TestKit(ClusterNodes.NodeConfig("\"seed\", \"trainer\"", "actorssl.augment.workers = 0"), ClusterRoles.SystemName), IAsyncLifetime
{
    private readonly ClusterNodes _nodes = new();

    public Task InitializeAsync() => Task.CompletedTask;

    async Task IAsyncLifetime.DisposeAsync() => await _nodes.DisposeAsync();

    private ActorSslSettings TrainerSettings(int epochs) =>
        ActorSslSettings.Create(ConfigurationFactory.ParseString($"actorssl.run.epochs = {epochs}").WithFallback(Sys.Settings.Config));

    private static async Task<(List<(int Epoch, int Index)> Delivered, Coordination.RunReport Report)> Drain(RunningPipeline pipeline,
        Func<int, Task>? afterBatch = null)
    {
        var delivered = new List<(int, int)>();
        var batches = 0;
        await foreach (var batch in pipeline.Batches.ReadAllAsync())
        {
            for (var k = 0; k < batch.Count; k++) delivered.Add((batch.Epoch, batch.Indices[k]));
            batch.Dispose();
            if (afterBatch != null) await afterBatch(++batches);
        }
        var report = await pipeline.Completion.WaitAsync(TimeSpan.FromSeconds(60));
        await pipeline.DisposeAsync();
        return (delivered, report);
    }

    private static void AssertExactlyOnce(List<(int Epoch, int Index)> delivered, int samples, int batchSize, int epochs)
    {
        var planned = EpochPlan.PlannedPerEpoch(samples, batchSize, dropLast: true);
        for (var epoch = 1; epoch <= epochs; epoch++)
        {
            var indices = delivered.Where(d => d.Epoch == epoch).Select(d => d.Index).ToList();
            Assert.Equal(EpochPlan.Create(42, epoch, samples, planned).Slice(0, planned), indices);
        }
    }

    [Fact]
    public async Task Remote_augment_nodes_must_serve_a_run_whose_samples_travel_with_the_leases()
    {
        var trainer = Sys;
        await ClusterNodes.JoinAsync(trainer, trainer);
        var augment = _nodes.Start("\"augment\"", "actorssl.augment.workers = 2");
        await ClusterNodes.JoinAsync(augment, trainer);
        var node = augment.ActorOf(AugmentNode.Props(new AugmentNodeOptions(augment.Settings.Config)), AugmentNode.Name);

        // The augment node has no data: the synthetic samples exist only in the trainer's process.
        var source = new SyntheticSource(160);
        var pipeline = ActorSslPipeline.Start(trainer, TrainerSettings(2), source);
        var (delivered, report) = await Drain(pipeline);

        AssertExactlyOnce(delivered, 160, 16, 2);
        Assert.All(report.Epochs, e => Assert.Equal(0, e.Missing));
        Assert.Equal(0, report.Duplicates);
        var status = await node.Ask<AugmentNode.Status>(AugmentNode.GetStatus.Instance, TimeSpan.FromSeconds(5));
        Assert.Equal(1, status.RunsServed);
    }

    [Fact]
    public async Task A_node_that_joins_mid_run_must_add_workers_and_a_crashed_node_must_lose_no_sample()
    {
        var trainer = Sys;
        await ClusterNodes.JoinAsync(trainer, trainer);
        var first = _nodes.Start("\"augment\"", "actorssl.augment.workers = 1");
        await ClusterNodes.JoinAsync(first, trainer);
        first.ActorOf(AugmentNode.Props(new AugmentNodeOptions(first.Settings.Config)), AugmentNode.Name);

        var source = new SyntheticSource(400);
        var pipeline = ActorSslPipeline.Start(trainer, TrainerSettings(3), source);
        ActorSystem? second = null;
        string? secondServed = null;
        var (delivered, report) = await Drain(pipeline, async batches =>
        {
            if (batches == 3)
            {
                // Elasticity: a second node joins while the first epoch runs.
                second = _nodes.Start("\"augment\"", "actorssl.augment.workers = 1");
                await ClusterNodes.JoinAsync(second, trainer);
                var node = second.ActorOf(AugmentNode.Props(new AugmentNodeOptions(second.Settings.Config)), AugmentNode.Name);
                await AwaitAssertAsync(async () =>
                {
                    secondServed = (await node.Ask<AugmentNode.Status>(AugmentNode.GetStatus.Instance, TimeSpan.FromSeconds(5))).RunId;
                    Assert.NotNull(secondServed);
                }, TimeSpan.FromSeconds(20), TimeSpan.FromMilliseconds(100));
            }
            if (batches == 8)
            {
                // The first node dies holding leases: they must be reissued to the second.
                await ClusterNodes.CrashAsync(first);
            }
        });

        Assert.NotNull(second);
        Assert.NotNull(secondServed);
        AssertExactlyOnce(delivered, 400, 16, 3);
        Assert.All(report.Epochs, e => Assert.Equal(0, e.Missing));
    }
}
