using ActorSsl.Core.Settings;
using ActorSsl.Data;
using ActorSsl.Data.Batches;

namespace ActorSsl.Hosting;

/// <summary>
/// A data-only run (<see cref="ActorSslPipelineHostingExtensions.WithActorSslPipeline"/>): loading, augmentation and
/// in-order batching, delivered to <see cref="OnBatch"/>. Everything about the run itself (data, epochs, batch size,
/// recipe, seed) is <c>actorssl.*</c> configuration, so that augment nodes receive the same settings.
/// </summary>
public sealed class ActorSslPipelineOptions
{
    /// <summary>
    /// Opens the run's samples; the run disposes them when it ends. Default: the dataset <c>actorssl.data</c> describes,
    /// limited to <c>actorssl.run.max-samples</c>.
    /// </summary>
    public Func<ActorSslSettings, ISampleSource>? Source { get; set; }

    /// <summary>
    /// Augmentation workers in this process. Default: <c>actorssl.augment.workers</c>. 0 leaves all augmentation to the
    /// cluster's augment nodes (only in a clustered ActorSystem).
    /// </summary>
    public int? LocalWorkers { get; set; }

    /// <summary>
    /// Receives every batch, in order, on one consumer loop; the batch is disposed when the call returns (copy what must
    /// outlive it). A throw ends the run and faults <see cref="ActorSslRunHandle.Completion"/>. Default: batches are
    /// dropped (a draining run, as <c>actorssl pipeline</c> does).
    /// </summary>
    public Func<Batch, CancellationToken, ValueTask>? OnBatch { get; set; }

    /// <summary>Prefix of the run's actor names under <c>/user</c>. Default: <c>actorssl</c>.</summary>
    public string? Prefix { get; set; }
}
