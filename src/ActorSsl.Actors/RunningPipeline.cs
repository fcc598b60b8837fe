using System.Threading.Channels;
using Akka.Actor;
using ActorSsl.Actors.Coordination;
using ActorSsl.Data.Batches;

namespace ActorSsl.Actors;

/// <summary>A started pipeline: read <see cref="Batches"/> until it completes; <see cref="Completion"/> carries the accounting.</summary>
public sealed class RunningPipeline(
    ChannelReader<Batch> batches,
    Task<RunReport> completion,
    IActorRef coordinator,
    IActorRef loader,
    IActorRef inbox,
    IActorRef workers,
    int plannedPerEpoch,
    int batchesPerEpoch,
    int epochs,
    IReadOnlyList<IActorRef>? extras = null) : IAsyncDisposable
{
    public ChannelReader<Batch> Batches { get; } = batches;
    public Task<RunReport> Completion { get; } = completion;
    public IActorRef Coordinator { get; } = coordinator;
    public IActorRef Loader { get; } = loader;
    public IActorRef Inbox { get; } = inbox;
    public IActorRef Workers { get; } = workers;
    public int PlannedPerEpoch { get; } = plannedPerEpoch;
    public int BatchesPerEpoch { get; } = batchesPerEpoch;
    public int Epochs { get; } = epochs;

    /// <summary>Cluster helpers of this run (run host, unreachable watcher); stopped first, which ends the run for augment nodes.</summary>
    public IReadOnlyList<IActorRef> Extras { get; } = extras ?? [];

    /// <summary>Stops the pipeline's actors (workers first, so nothing is produced into a stopped inbox).</summary>
    public async ValueTask DisposeAsync()
    {
        foreach (var actor in Extras.Concat(new[] { Workers, Loader, Inbox, Coordinator }))
        {
            try { await actor.GracefulStop(TimeSpan.FromSeconds(10)); }
            catch (TaskCanceledException) { }
            catch (AskTimeoutException) { }
        }
        while (Batches.TryRead(out var leftover)) leftover.Dispose();
    }
}
