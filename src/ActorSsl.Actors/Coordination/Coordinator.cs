using Akka.Actor;
using Akka.Event;
using ActorSsl.Core.Messages;

namespace ActorSsl.Actors.Coordination;

/// <summary>
/// Run lifecycle and progress: collects each closed epoch's accounting, the skipped samples and the
/// inbox's counters, answers <see cref="GetProgress"/>, and completes the run when the last epoch closes.
/// </summary>
public sealed class Coordinator : ReceiveActor
{
    private readonly int _epochs;
    private readonly Func<int, string> _describe;
    private readonly TaskCompletionSource<RunReport> _completion;
    private readonly List<EpochCompleted> _closed = new();
    private readonly List<SkippedSample> _skipped = new();
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly bool _training;
    private readonly TrainingTally _tally = new();
    private InboxProgress? _inbox;

    /// <param name="training">Complete the run when training finishes (else when the last epoch's data is delivered).</param>
    public static Props Props(int epochs, Func<int, string> describe, TaskCompletionSource<RunReport> completion, bool training = false) =>
        Akka.Actor.Props.Create(() => new Coordinator(epochs, describe, completion, training));

    public Coordinator(int epochs, Func<int, string> describe, TaskCompletionSource<RunReport> completion, bool training)
    {
        _epochs = epochs;
        _describe = describe;
        _completion = completion;
        _training = training;

        Receive<EpochCompleted>(OnEpoch);
        Receive<SamplesSkipped>(s =>
        {
            for (var i = 0; i < s.Indices.Length; i++)
            {
                var skipped = new SkippedSample(s.Indices[i], _describe(s.Indices[i]), s.Reasons[i]);
                _skipped.Add(skipped);
                _log.Warning("Skipped {0}: {1}", skipped.Source, skipped.Reason);
            }
        });
        Receive<InboxProgress>(p => _inbox = p);
        Receive<GetProgress>(_ => Sender.Tell(Snapshot()));
        Receive<GetTrainingTally>(_ => Sender.Tell(_tally.Copy()));
        Receive<StepMetrics>(_tally.Add);
        Receive<EpochEvaluated>(e =>
        {
            _tally.Evaluations.Add(e);
            _log.Info("Epoch {0}: kNN top-1 {1:F2}%", e.Epoch, e.KnnTop1);
        });
        Receive<CheckpointWritten>(c => _tally.LastCheckpoint = c);
        Receive<TrainingFinished>(f =>
        {
            _tally.Finished = f;
            if (f.Error.Length > 0) _log.Error("Training failed: {0}", f.Error);
            if (_training) Complete();
        });
    }

    private void Complete() => _completion.TrySetResult(new RunReport(_closed.ToList(), _skipped.ToList(), _inbox, _tally.Copy()));

    protected override void PostStop() => _completion.TrySetCanceled();

    private void OnEpoch(EpochCompleted epoch)
    {
        _closed.Add(epoch);
        if (epoch.Missing != 0)
            _log.Error("Epoch {0} closed with {1} missing samples", epoch.Epoch, epoch.Missing);
        if (!_training && _closed.Count >= _epochs) Complete();
    }

    /// <summary>Ask for a copy of the training totals.</summary>
    public sealed class GetTrainingTally : INoSerializationVerificationNeeded
    {
        public static readonly GetTrainingTally Instance = new();
    }

    private RunProgress Snapshot() => new(
        _closed.Count,
        _epochs,
        _inbox?.Batches ?? 0,
        _inbox?.Samples ?? 0,
        _inbox?.Duplicates ?? 0,
        _skipped.Count,
        _closed.Sum(e => (long)e.Missing),
        _closed.Count >= _epochs);
}
