using ActorSsl.Core.Settings;
using ActorSsl.Data;

namespace ActorSsl.Hosting;

/// <summary>
/// A training run (<see cref="ActorSslTrainingHostingExtensions.WithActorSslTraining"/>), set up as <c>actorssl train</c>
/// sets it up. Method, model, optimizer, schedule, checkpoint directory and evaluation cadence are <c>actorssl.*</c>
/// configuration; these options cover what is not.
/// </summary>
public sealed class ActorSslTrainingOptions
{
    /// <summary>
    /// Opens the run's samples; the run disposes them when it ends. Default: the dataset <c>actorssl.data</c> describes,
    /// limited to <c>actorssl.run.max-samples</c>.
    /// </summary>
    public Func<ActorSslSettings, ISampleSource>? Source { get; set; }

    /// <summary>
    /// Opens the labelled set the kNN monitor reports on (null: none). Default: with the default <see cref="Source"/>, the
    /// evaluation split or folder of <c>actorssl.data</c>; with a custom <see cref="Source"/>, none.
    /// </summary>
    public Func<ActorSslSettings, ISampleSource?>? Evaluation { get; set; }

    /// <summary>
    /// Augmentation workers in this process. Default: <c>actorssl.augment.workers</c>. 0 leaves all augmentation to the
    /// cluster's augment nodes (only in a clustered ActorSystem).
    /// </summary>
    public int? LocalWorkers { get; set; }

    /// <summary>
    /// A checkpoint to continue from, or <c>auto</c>: the checkpoint directory's <c>last.ckpt</c> when it exists (a restarted
    /// service continues its run). Default: a fresh run.
    /// </summary>
    public string? ResumeFrom { get; set; }

    /// <summary>Stop after this many steps in this process (a checkpoint is written). Default: 0, run to the end.</summary>
    public long? MaxSteps { get; set; }

    /// <summary>
    /// How long host shutdown waits for the trainer to finish its step and write <c>last.ckpt</c>. Default: 60 s. Host
    /// shutdown is also bounded by the host's own <c>HostOptions.ShutdownTimeout</c>.
    /// </summary>
    public TimeSpan? StopTimeout { get; set; }

    /// <summary>Prefix of the run's actor names under <c>/user</c>. Default: <c>actorssl</c>.</summary>
    public string? Prefix { get; set; }
}
