using System.Threading.Channels;
using Akka.Actor;
using Akka.Event;
using ActorSsl.Core.Messages;
using ActorSsl.Data.Batches;

namespace ActorSsl.Actors.Inbox;

/// <summary>
/// The trainer side of the flow: grants credits to workers, takes their chunks into a
/// <see cref="BatchAssembler"/> (plan order, dedup by (epoch, index)), and writes finished batches into a
/// bounded channel read by the training thread. While the channel is full it grants no credit, so every
/// stage upstream stops; it tells the data loader how far the consumer has got, which moves its lease window.
/// </summary>
public sealed class BatchInbox : ReceiveActor, IWithTimers
{
    private readonly BatchInboxPlan _plan;
    private readonly ChannelWriter<Batch> _output;
    private readonly IActorRef _loader;
    private readonly IActorRef _coordinator;
    private readonly BatchAssembler _assembler;
    private readonly Dictionary<IActorRef, int> _credits = new();
    private readonly HashSet<int> _reportedSkips = new();
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private Batch? _pending;
    private long _reportedHead = -1;
    private long _batches;
    private long _samples;
    private long _duplicates;
    private long _uncredited;

    public ITimerScheduler Timers { get; set; } = null!;

    public static Props Props(BatchInboxPlan plan, ChannelWriter<Batch> output, IActorRef loader, IActorRef coordinator) =>
        Akka.Actor.Props.Create(() => new BatchInbox(plan, output, loader, coordinator));

    public BatchInbox(BatchInboxPlan plan, ChannelWriter<Batch> output, IActorRef loader, IActorRef coordinator)
    {
        _plan = plan;
        _output = output;
        _loader = loader;
        _coordinator = coordinator;
        _assembler = new BatchAssembler(plan.PlannedPerEpoch, plan.Epochs, plan.BatchSize, plan.Views, plan.Channels, plan.Size,
            plan.DatasetSize, plan.FirstEpoch, plan.FirstBatchInEpoch);

        Receive<RegisterProducer>(_ => OnRegister(Sender));
        Receive<AugmentedChunk>(chunk => OnChunk(chunk, Sender));
        Receive<ChannelWritable>(_ => OnWritable());
        Receive<Terminated>(t => _credits.Remove(t.ActorRef));
        Receive<ReportProgress>(_ => ReportProgressNow());
    }

    protected override void PreStart() =>
        Timers.StartPeriodicTimer("progress", ReportProgress.Instance, _plan.ProgressInterval);

    protected override void PostStop()
    {
        _pending?.Dispose();
        _assembler.Dispose();
        ReportProgressNow();
    }

    private void OnRegister(IActorRef producer)
    {
        if (_credits.ContainsKey(producer)) return;
        Context.Watch(producer);
        _credits[producer] = 0;
        TopUp(producer);
    }

    private void OnChunk(AugmentedChunk chunk, IActorRef producer)
    {
        if (!_credits.TryGetValue(producer, out var outstanding) || outstanding <= 0)
        {
            // Flow control is what bounds memory: a chunk sent without credit is a protocol violation.
            _uncredited++;
            _log.Warning("Dropped a chunk sent without credit by {0} ({1} so far)", producer.Path, _uncredited);
            return;
        }
        _credits[producer] = outstanding - 1;
        if (chunk.Views != _plan.Views || chunk.Channels != _plan.Channels || chunk.Size != _plan.Size)
        {
            _log.Error($"Dropped a chunk of shape {chunk.Views}x{chunk.Channels}x{chunk.Size}² from {producer.Path}: " +
                       $"this run expects {_plan.Views}x{_plan.Channels}x{_plan.Size}²");
        }
        else
        {
            _duplicates += _assembler.Accept(chunk.Epoch, chunk.Start, chunk.Indices, chunk.Pixels, chunk.SkippedOffsets);
            ReportSkips(chunk);
            Drain();
        }
        TopUp(producer);
    }

    private void ReportSkips(AugmentedChunk chunk)
    {
        if (chunk.SkippedOffsets.Length == 0) return;
        var indices = new List<int>();
        var reasons = new List<string>();
        for (var i = 0; i < chunk.SkippedOffsets.Length; i++)
        {
            var index = chunk.Indices[chunk.SkippedOffsets[i]];
            if (!_reportedSkips.Add(index)) continue;
            indices.Add(index);
            reasons.Add(chunk.SkipReasons[i]);
        }
        if (indices.Count > 0) _coordinator.Tell(new SamplesSkipped(indices.ToArray(), reasons.ToArray()));
    }

    /// <summary>Moves finished batches into the channel until it is full or the head batch is incomplete.</summary>
    private void Drain()
    {
        if (_pending != null) return;
        while (_assembler.TryTake(out var batch, out var closed))
        {
            if (closed != null)
                _coordinator.Tell(new EpochCompleted(closed.Epoch, closed.Planned, closed.Delivered, closed.Skipped, closed.Duplicates));
            if (batch == null) continue;
            _batches++;
            _samples += batch.Count;
            if (!_output.TryWrite(batch))
            {
                _pending = batch;
                _output.WaitToWriteAsync().AsTask().PipeTo(Self, success: _ => ChannelWritable.Instance, failure: _ => ChannelWritable.Instance);
                break;
            }
        }
        var head = _assembler.HeadPosition;
        if (head != _reportedHead)
        {
            _reportedHead = head;
            _loader.Tell(new ConsumerHead(head));
        }
        if (_pending == null && _assembler.Finished) _output.TryComplete();
    }

    private void OnWritable()
    {
        if (_pending == null) return;
        var batch = _pending;
        _pending = null;
        if (!_output.TryWrite(batch))
        {
            _pending = batch;
            _output.WaitToWriteAsync().AsTask().PipeTo(Self, success: _ => ChannelWritable.Instance, failure: _ => ChannelWritable.Instance);
            return;
        }
        Drain();
        foreach (var producer in _credits.Keys.ToList()) TopUp(producer);
    }

    /// <summary>Brings a producer back to its full credit, unless the channel is full (then credit waits for the consumer).</summary>
    private void TopUp(IActorRef producer)
    {
        if (_pending != null || !_credits.TryGetValue(producer, out var outstanding)) return;
        var grant = _plan.CreditsPerWorker - outstanding;
        if (grant <= 0) return;
        _credits[producer] = outstanding + grant;
        producer.Tell(new Credit(grant));
    }

    private void ReportProgressNow() =>
        _coordinator.Tell(new InboxProgress(_batches, _samples, _duplicates, _assembler.OpenBatches, _credits.Values.Sum(), _credits.Count));

    private sealed class ChannelWritable : INoSerializationVerificationNeeded
    {
        public static readonly ChannelWritable Instance = new();
    }

    private sealed class ReportProgress : INoSerializationVerificationNeeded
    {
        public static readonly ReportProgress Instance = new();
    }
}
