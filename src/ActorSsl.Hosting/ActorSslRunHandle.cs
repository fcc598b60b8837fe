using Akka.Actor;
using ActorSsl.Actors;
using ActorSsl.Actors.Coordination;
using ActorSsl.Data.Batches;

namespace ActorSsl.Hosting;

/// <summary>
/// The run that <see cref="ActorSslPipelineHostingExtensions.WithActorSslPipeline"/> or
/// <see cref="ActorSslTrainingHostingExtensions.WithActorSslTraining"/> starts in a host's ActorSystem (one per system).
/// Get it with <see cref="For"/> or, after <see cref="ActorSslServiceCollectionExtensions.AddActorSslRunHandle"/>,
/// from dependency injection. It exists before the run starts: <see cref="Completion"/> can be awaited at any time.
/// When the run ends its actors are stopped (augment nodes are told the run ended) and its data sources closed,
/// then <see cref="Completion"/> completes.
/// </summary>
public sealed class ActorSslRunHandle : IExtension
{
    private readonly ActorSystem _system;
    private readonly TaskCompletionSource _started = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource<RunReport> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly CancellationTokenSource _stop = new();
    private int _claimed;

    internal ActorSslRunHandle(ActorSystem system)
    {
        _system = system;
        // A system that terminates under a run (host stopped, node downed) ends it: nothing waits forever.
        system.WhenTerminated.ContinueWith(_ => _stop.Cancel(), TaskScheduler.Default);
    }

    /// <summary>The handle of <paramref name="system"/>'s run.</summary>
    public static ActorSslRunHandle For(ActorSystem system) => system.WithExtension<ActorSslRunHandle, ActorSslRunHandleId>();

    /// <summary>Completes when the run's actors are up; faults when the run could not start (bad configuration, no data).</summary>
    public Task Started => _started.Task;

    /// <summary>
    /// The run's report (per-epoch accounting, skipped samples, and for training the trainer's tally). Faults when the run
    /// could not start or a batch consumer threw; cancelled when a data-only run was stopped or the ActorSystem terminated first.
    /// </summary>
    public Task<RunReport> Completion => _completion.Task;

    /// <summary>The running pipeline (null until started). Its coordinator answers progress questions.</summary>
    public RunningPipeline? Pipeline { get; private set; }

    /// <summary>The running training run (null for a data-only run, or until started).</summary>
    public RunningTraining? Training { get; private set; }

    /// <summary>
    /// Ends the run early. Training: the trainer finishes its step, writes <c>last.ckpt</c> and the run completes with
    /// the report. Data-only: batch delivery stops and <see cref="Completion"/> is cancelled.
    /// </summary>
    public void RequestStop()
    {
        if (Training is { } training) training.RequestStop();
        else _stop.Cancel();
    }

    /// <summary>Reserves this system's one run; a second WithActorSslPipeline/WithActorSslTraining fails here.</summary>
    internal void Claim(string what)
    {
        if (Interlocked.Exchange(ref _claimed, 1) == 1)
            throw new InvalidOperationException($"{what}: this ActorSystem already has an ActorSsl run (one run per host: its run host lives at a fixed path)");
    }

    internal void Fail(Exception e)
    {
        _started.TrySetException(e);
        _completion.TrySetException(e);
    }

    /// <summary>Takes over a started run: drains it (data-only) or waits for the trainer, then stops it and frees <paramref name="resources"/>.</summary>
    internal void Attach(RunningPipeline pipeline, RunningTraining? training, IReadOnlyList<IDisposable> resources,
        Func<Batch, CancellationToken, ValueTask>? onBatch)
    {
        Pipeline = pipeline;
        Training = training;
        _started.TrySetResult();
        _ = Task.Run(() => DriveAsync(pipeline, training, resources, onBatch));
    }

    private async Task DriveAsync(RunningPipeline pipeline, RunningTraining? training, IReadOnlyList<IDisposable> resources,
        Func<Batch, CancellationToken, ValueTask>? onBatch)
    {
        RunReport? report = null;
        Exception? error = null;
        try
        {
            if (training == null)
            {
                await foreach (var batch in pipeline.Batches.ReadAllAsync(_stop.Token))
                {
                    try
                    {
                        // ReadAllAsync yields what is already buffered without looking at the token: a stop takes effect here.
                        _stop.Token.ThrowIfCancellationRequested();
                        if (onBatch != null) await onBatch(batch, _stop.Token);
                    }
                    finally
                    {
                        batch.Dispose();
                    }
                }
            }
            report = await pipeline.Completion.WaitAsync(_stop.Token);
        }
        catch (Exception e)
        {
            error = e;
        }

        try
        {
            if (!_system.WhenTerminated.IsCompleted)
            {
                if (training != null) await training.DisposeAsync();
                else await pipeline.DisposeAsync();
            }
        }
        catch (Exception e) when (error == null)
        {
            error = e;
        }
        finally
        {
            foreach (var resource in resources) resource.Dispose();
        }

        if (report != null) _completion.TrySetResult(report);
        else if (error is OperationCanceledException) _completion.TrySetCanceled();
        else _completion.TrySetException(error!);
    }
}

/// <summary>Akka extension id of <see cref="ActorSslRunHandle"/>: one handle per ActorSystem.</summary>
public sealed class ActorSslRunHandleId : ExtensionIdProvider<ActorSslRunHandle>
{
    public override ActorSslRunHandle CreateExtension(ExtendedActorSystem system) => new(system);
}
