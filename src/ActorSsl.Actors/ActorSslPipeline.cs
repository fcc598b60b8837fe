using System.Threading.Channels;
using Akka.Actor;
using ActorSsl.Actors.Augmenting;
using ActorSsl.Actors.Cluster;
using ActorSsl.Actors.Coordination;
using ActorSsl.Actors.Inbox;
using ActorSsl.Actors.Loading;
using ActorSsl.Core.Settings;
using ActorSsl.Data;
using ActorSsl.Data.Batches;
using ActorSsl.Data.Epochs;
using ActorSsl.Data.Shipping;
using ActorSsl.Core.Messages;

namespace ActorSsl.Actors;

/// <summary>
/// Wires data loader, augmentation workers, batch inbox and coordinator into one running pipeline. In a cluster
/// (the actor system's provider is <c>cluster</c>) it also starts the <see cref="RunHost"/> through which augment
/// nodes find the run, and the watcher that reissues the leases of unreachable nodes.
/// </summary>
public static class ActorSslPipeline
{
    /// <param name="firstStep">Global step (batch) the data starts at: 0 for a fresh run, the checkpoint's next step on resume.</param>
    /// <param name="training">The coordinator completes the run when training finishes rather than when the data is delivered.</param>
    public static RunningPipeline Start(ActorSystem system, ActorSslSettings settings, ISampleSource source, string prefix = "actorssl",
        long firstStep = 0, bool training = false)
    {
        var pipeline = settings.Pipeline;
        var augment = settings.Augment;
        var planned = EpochPlan.PlannedPerEpoch(source.Count, pipeline.BatchSize, pipeline.DropLast);
        var epochs = settings.Run.Epochs;
        var size = augment.ImageSize;
        var sampleBytes = augment.Views * source.Channels * size * size;

        var channel = Channel.CreateBounded<Batch>(new BoundedChannelOptions(pipeline.ChannelCapacity)
        {
            SingleReader = true,
            SingleWriter = true,
            FullMode = BoundedChannelFullMode.Wait,
        });
        var completion = new TaskCompletionSource<RunReport>(TaskCreationOptions.RunContinuationsAsynchronously);

        var batchesPerEpoch = (planned + pipeline.BatchSize - 1) / pipeline.BatchSize;
        var firstEpoch = (int)(firstStep / batchesPerEpoch) + 1;
        var firstBatch = (int)(firstStep % batchesPerEpoch);
        if (firstEpoch > epochs) throw new ArgumentOutOfRangeException(nameof(firstStep), $"step {firstStep} is past the last of {epochs} epoch(s): nothing left to run");
        var clustered = IsClustered(system);
        if (augment.Workers == 0 && !clustered)
            throw new ActorSslConfigException("actorssl.augment.workers = 0: nothing would augment the data. Use at least 1, or run a cluster node (actorssl node) that augment nodes serve.");
        var shipper = clustered && settings.Cluster.DataTransport == DataTransport.Bytes
            ? source as IEncodedSamples ?? throw new ActorSslConfigException($"actorssl.cluster.data-transport = bytes: {source.Name} cannot ship its samples; use shared-path")
            : null;
        var coordinator = system.ActorOf(Coordinator.Props(epochs - firstEpoch + 1, source.Describe, completion, training), $"{prefix}-coordinator");
        var loader = system.ActorOf(DataLoader.Props(new DataLoaderPlan(
            settings.Run.Seed, source.Count, planned, epochs, pipeline.LeaseSize, pipeline.WindowSamples, pipeline.LeaseTimeout,
            firstEpoch, firstBatch * pipeline.BatchSize, shipper, settings.Cluster.LeaseMaxBytes)), $"{prefix}-loader");
        var inboxPlan = new BatchInboxPlan(planned, epochs, pipeline.BatchSize, augment.Views, source.Channels, size, source.Count,
            pipeline.CreditsPerWorker, pipeline.ProgressInterval, firstEpoch, firstBatch);
        var inbox = system.ActorOf(BatchInbox.Props(inboxPlan, channel.Writer, loader, coordinator), $"{prefix}-inbox");
        var setup = new AugmentWorkerSetup(source, augment.Recipes, augment.Views, settings.Run.Seed, pipeline.SamplesPerChunk(sampleBytes));
        var workers = system.ActorOf(AugmentWorkerPool.Props(setup, augment.Workers, loader, inbox), $"{prefix}-workers");

        var extras = new List<IActorRef>();
        if (clustered)
        {
            extras.Add(system.ActorOf(UnreachableRelay.Props(loader), $"{prefix}-unreachable"));
            var offer = new RunOffer($"{system.Name}@{Akka.Cluster.Cluster.Get(system).SelfAddress.HostPort()}/{Guid.NewGuid():N}",
                RunConfigText(system), settings.Cluster.DataTransportName,
                (shipper?.PayloadFormat ?? PayloadFormat.File).ToString(), loader, inbox);
            extras.Add(system.ActorOf(RunHost.Props(offer), RunHost.Name));
        }
        return new RunningPipeline(channel.Reader, completion.Task, coordinator, loader, inbox, workers, planned, batchesPerEpoch, epochs, extras);
    }

    public static bool IsClustered(ActorSystem system) => system is ExtendedActorSystem e && e.Provider is Akka.Cluster.ClusterActorRefProvider;

    /// <summary>
    /// The run's <c>actorssl</c> section as HOCON text, for augment nodes (they parse and validate it). Without
    /// <c>actorssl.cluster.tls</c>: that is node-local (a file path and its password) and never leaves the node.
    /// </summary>
    public static string RunConfigText(ActorSystem system) =>
        ActorSslConfig.Render(system.Settings.Config);
}
