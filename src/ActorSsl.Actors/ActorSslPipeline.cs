using System.Threading.Channels;
using Akka.Actor;
using ActorSsl.Actors.Augmenting;
using ActorSsl.Actors.Coordination;
using ActorSsl.Actors.Inbox;
using ActorSsl.Actors.Loading;
using ActorSsl.Core.Settings;
using ActorSsl.Data;
using ActorSsl.Data.Batches;
using ActorSsl.Data.Epochs;

namespace ActorSsl.Actors;

/// <summary>Wires data loader, augmentation workers, batch inbox and coordinator into one running pipeline.</summary>
public static class ActorSslPipeline
{
    public static RunningPipeline Start(ActorSystem system, ActorSslSettings settings, ISampleSource source, string prefix = "actorssl")
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

        var coordinator = system.ActorOf(Coordinator.Props(epochs, source.Describe, completion), $"{prefix}-coordinator");
        var loader = system.ActorOf(DataLoader.Props(new DataLoaderPlan(
            settings.Run.Seed, source.Count, planned, epochs, pipeline.LeaseSize, pipeline.WindowSamples, pipeline.LeaseTimeout)), $"{prefix}-loader");
        var inboxPlan = new BatchInboxPlan(planned, epochs, pipeline.BatchSize, augment.Views, source.Channels, size, source.Count,
            pipeline.CreditsPerWorker, pipeline.ProgressInterval);
        var inbox = system.ActorOf(BatchInbox.Props(inboxPlan, channel.Writer, loader, coordinator), $"{prefix}-inbox");
        var setup = new AugmentWorkerSetup(source, augment.Recipe, augment.Views, settings.Run.Seed, pipeline.SamplesPerChunk(sampleBytes));
        var workers = system.ActorOf(AugmentWorkerPool.Props(setup, augment.Workers, loader, inbox), $"{prefix}-workers");

        var batchesPerEpoch = (planned + pipeline.BatchSize - 1) / pipeline.BatchSize;
        return new RunningPipeline(channel.Reader, completion.Task, coordinator, loader, inbox, workers, planned, batchesPerEpoch, epochs);
    }
}
