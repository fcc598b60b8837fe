using Akka.Actor;
using Akka.Event;
using ActorSsl.Core.Messages;
using ActorSsl.Data.Epochs;

namespace ActorSsl.Actors.Loading;

/// <summary>
/// Hands out leases (ranges of one epoch's seeded permutation) to augmentation workers that ask for them,
/// never further ahead of the consumer than the reorder window. Watches every worker it leased to: the
/// unfinished leases of a worker that terminates are reissued first. A lease that holds the consumer back
/// for longer than the lease timeout (a lost message) is reissued too. A worker on another node gets, in
/// <c>bytes</c> transport, the encoded samples with its lease, in parts no larger than the lease byte limit; and
/// when a node becomes unreachable (<see cref="NodeUnreachable"/>) the leases of its workers are reissued at once,
/// without waiting for the node to be downed (a duplicate that arrives later is dropped by the inbox).
/// </summary>
public sealed class DataLoader : ReceiveActor, IWithTimers
{
    private readonly DataLoaderPlan _plan;
    private readonly LeaseLedger<IActorRef> _ledger;
    private readonly Dictionary<int, EpochPlan> _plans = new();
    private readonly List<IActorRef> _waiting = new();
    private readonly HashSet<IActorRef> _watched = new();
    private readonly HashSet<IActorRef> _needSampleBytes = new();
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private DateTime _headMovedAt = DateTime.UtcNow;

    public ITimerScheduler Timers { get; set; } = null!;

    public static Props Props(DataLoaderPlan plan) => Akka.Actor.Props.Create(() => new DataLoader(plan));

    public DataLoader(DataLoaderPlan plan)
    {
        _plan = plan;
        _ledger = new LeaseLedger<IActorRef>(plan.PlannedPerEpoch, plan.Epochs, plan.LeaseSize, plan.WindowSamples, plan.FirstEpoch, plan.FirstPosition);

        Receive<RequestLease>(m =>
        {
            if (m.NeedsSampleBytes) _needSampleBytes.Add(Sender);
            OnRequest(Sender);
        });
        Receive<ConsumerHead>(OnHead);
        Receive<Terminated>(OnTerminated);
        Receive<CheckLeaseTimeout>(_ => OnTimeoutCheck());
        Receive<NodeUnreachable>(OnUnreachable);
    }

    protected override void PreStart()
    {
        var every = TimeSpan.FromTicks(Math.Max(TimeSpan.FromMilliseconds(50).Ticks, _plan.LeaseTimeout.Ticks / 4));
        Timers.StartPeriodicTimer("lease-timeout", CheckLeaseTimeout.Instance, every);
    }

    private void OnRequest(IActorRef worker)
    {
        if (_watched.Add(worker)) Context.Watch(worker);
        if (!TryServe(worker) && !_waiting.Contains(worker)) _waiting.Add(worker);
    }

    /// <summary>Gives <paramref name="worker"/> a lease or tells it the run is out of work; false when it must wait.</summary>
    private bool TryServe(IActorRef worker)
    {
        var span = _ledger.TryIssue(worker);
        if (span is { } s)
        {
            var indices = PlanOf(s.Epoch).Slice(s.Start, s.Count);
            // Remote workers, and local ones without a data source (an augment node in the run's own process), get the bytes.
            if (_plan.Shipper != null && (worker.Path.Address.HasGlobalScope || _needSampleBytes.Contains(worker)))
                SendWithPayloads(worker, s.LeaseId, s.Epoch, s.Start, indices);
            else worker.Tell(new Lease(s.LeaseId, s.Epoch, s.Start, indices));
            return true;
        }
        if (_ledger.Exhausted && _ledger.OutstandingCount == 0)
        {
            worker.Tell(NoMoreLeases.Instance);
            return true;
        }
        return false;
    }

    /// <summary>Ships a lease with its samples' encoded bytes, split into parts of at most the lease byte limit.</summary>
    private void SendWithPayloads(IActorRef worker, long leaseId, int epoch, int start, int[] indices)
    {
        var shipper = _plan.Shipper!;
        var budget = _plan.LeaseMaxBytes;
        var partStart = 0;
        var bytes = 0;
        var payloads = new List<SamplePayload>();
        for (var k = 0; k < indices.Length; k++)
        {
            var encoded = shipper.TryReadEncoded(indices[k], budget, out var failure);
            var payload = encoded != null ? SamplePayload.Of(encoded) : SamplePayload.Failed(failure ?? "unreadable");
            var size = payload.Bytes.Length + 16;
            if (payloads.Count > 0 && bytes + size > budget)
            {
                worker.Tell(new Lease(leaseId, epoch, start + partStart, indices[partStart..k], payloads.ToArray(), More: true));
                payloads.Clear();
                partStart = k;
                bytes = 0;
            }
            payloads.Add(payload);
            bytes += size;
        }
        worker.Tell(new Lease(leaseId, epoch, start + partStart, indices[partStart..], payloads.ToArray(), More: false));
    }

    private void OnUnreachable(NodeUnreachable node)
    {
        var lost = _watched.Where(w => w.Path.Address.Equals(node.Address)).ToList();
        var released = 0;
        foreach (var worker in lost)
        {
            _waiting.Remove(worker);
            released += _ledger.Release(worker);
        }
        if (released > 0) _log.Warning("Node {0} is unreachable: {1} lease(s) of its {2} worker(s) will be reissued", node.Address, released, lost.Count);
        ServeWaiting();
    }

    private void OnHead(ConsumerHead head)
    {
        if (head.Position > _ledger.Head) _headMovedAt = DateTime.UtcNow;
        _ledger.Advance(head.Position);
        // Plans of epochs the consumer has left behind are no longer needed.
        var headEpoch = (int)Math.Min(_plan.Epochs, head.Position / _plan.PlannedPerEpoch + 1);
        foreach (var epoch in _plans.Keys.Where(e => e < headEpoch).ToList()) _plans.Remove(epoch);
        ServeWaiting();
    }

    private void OnTerminated(Terminated t)
    {
        _watched.Remove(t.ActorRef);
        _waiting.Remove(t.ActorRef);
        _needSampleBytes.Remove(t.ActorRef);
        var released = _ledger.Release(t.ActorRef);
        if (released > 0) _log.Warning("Worker {0} terminated holding {1} unfinished lease(s): they will be reissued", t.ActorRef.Path, released);
        ServeWaiting();
    }

    private void OnTimeoutCheck()
    {
        if (_ledger.Finished || DateTime.UtcNow - _headMovedAt < _plan.LeaseTimeout) return;
        if (_ledger.ReissueHeadLease())
        {
            _log.Warning("No progress for {0}: reissuing the lease at global position {1}", _plan.LeaseTimeout, _ledger.Head);
            _headMovedAt = DateTime.UtcNow;
            ServeWaiting();
        }
    }

    private void ServeWaiting()
    {
        for (var i = 0; i < _waiting.Count;)
        {
            if (TryServe(_waiting[i])) _waiting.RemoveAt(i);
            else i++;
        }
    }

    private EpochPlan PlanOf(int epoch)
    {
        if (!_plans.TryGetValue(epoch, out var plan))
            _plans[epoch] = plan = EpochPlan.Create(_plan.Seed, epoch, _plan.SampleCount, _plan.PlannedPerEpoch);
        return plan;
    }

    private sealed class CheckLeaseTimeout : INoSerializationVerificationNeeded
    {
        public static readonly CheckLeaseTimeout Instance = new();
    }
}
