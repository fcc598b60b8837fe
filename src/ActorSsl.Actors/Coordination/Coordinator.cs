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
    private InboxProgress? _inbox;

    public static Props Props(int epochs, Func<int, string> describe, TaskCompletionSource<RunReport> completion) =>
        Akka.Actor.Props.Create(() => new Coordinator(epochs, describe, completion));

    public Coordinator(int epochs, Func<int, string> describe, TaskCompletionSource<RunReport> completion)
    {
        _epochs = epochs;
        _describe = describe;
        _completion = completion;

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
    }

    protected override void PostStop() => _completion.TrySetCanceled();

    private void OnEpoch(EpochCompleted epoch)
    {
        _closed.Add(epoch);
        if (epoch.Missing != 0)
            _log.Error("Epoch {0} closed with {1} missing samples", epoch.Epoch, epoch.Missing);
        if (_closed.Count >= _epochs)
            _completion.TrySetResult(new RunReport(_closed.ToList(), _skipped.ToList(), _inbox));
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
