namespace ActorSsl.Data.Epochs;

/// <summary>
/// The data loader's bookkeeping, free of actors so it can be tested on its own. Positions of all epochs
/// form one global sequence (epoch e, position p ↦ (e-1)·Planned + p). Leases are handed out in that
/// order but never further than <see cref="WindowSamples"/> ahead of the consumer's head, which bounds
/// what the inbox must hold to deliver batches in order. A lease is done when the head passes its end;
/// the leases of an owner that is gone are reissued first, under new ids.
/// </summary>
public sealed class LeaseLedger<TOwner> where TOwner : notnull
{
    private readonly Dictionary<long, (LeaseSpan Span, TOwner Owner)> _outstanding = new();
    private readonly List<LeaseSpan> _reissue = new();
    private long _nextGlobal;
    private long _nextLeaseId = 1;

    public LeaseLedger(int plannedPerEpoch, int epochs, int leaseSize, int windowSamples, int firstEpoch = 1, int firstPosition = 0)
    {
        if (plannedPerEpoch <= 0) throw new ArgumentOutOfRangeException(nameof(plannedPerEpoch));
        if (epochs <= 0) throw new ArgumentOutOfRangeException(nameof(epochs));
        if (leaseSize <= 0) throw new ArgumentOutOfRangeException(nameof(leaseSize));
        if (windowSamples < leaseSize)
            throw new ArgumentOutOfRangeException(nameof(windowSamples), $"window {windowSamples} must hold at least one lease ({leaseSize})");
        if (firstEpoch < 1 || firstEpoch > epochs) throw new ArgumentOutOfRangeException(nameof(firstEpoch));
        PlannedPerEpoch = plannedPerEpoch;
        Epochs = epochs;
        LeaseSize = leaseSize;
        WindowSamples = windowSamples;
        FirstEpoch = firstEpoch;
        Head = _nextGlobal = Global(firstEpoch, firstPosition);
    }

    public int PlannedPerEpoch { get; }
    public int Epochs { get; }
    public int FirstEpoch { get; }
    public int LeaseSize { get; }
    public int WindowSamples { get; }

    /// <summary>Global position up to which the consumer has taken every sample.</summary>
    public long Head { get; private set; }

    public long Total => (long)PlannedPerEpoch * Epochs;

    public int OutstandingCount => _outstanding.Count;

    public int ReissueCount => _reissue.Count;

    /// <summary>Every position was delivered: the run's data is complete.</summary>
    public bool Finished => Head >= Total;

    /// <summary>Nothing is left to hand out (the consumer may still be waiting for outstanding leases).</summary>
    public bool Exhausted => _nextGlobal >= Total && _reissue.Count == 0;

    public long Global(int epoch, int position) => (long)(epoch - 1) * PlannedPerEpoch + position;

    /// <summary>Next lease for <paramref name="owner"/>, or null when none may be issued now.</summary>
    public LeaseSpan? TryIssue(TOwner owner)
    {
        LeaseSpan span;
        if (_reissue.Count > 0)
        {
            var old = _reissue[0];
            _reissue.RemoveAt(0);
            span = old with { LeaseId = _nextLeaseId++ };
        }
        else
        {
            if (_nextGlobal >= Total || _nextGlobal >= Head + WindowSamples) return null;
            var epoch = (int)(_nextGlobal / PlannedPerEpoch) + 1;
            var start = (int)(_nextGlobal % PlannedPerEpoch);
            // A lease never crosses an epoch boundary and never reaches past the window.
            var count = (int)Math.Min(Math.Min(LeaseSize, PlannedPerEpoch - start), Head + WindowSamples - _nextGlobal);
            span = new LeaseSpan(_nextLeaseId++, epoch, start, count);
            _nextGlobal += count;
        }
        _outstanding[span.LeaseId] = (span, owner);
        return span;
    }

    /// <summary>The consumer has taken every position below <paramref name="head"/>: leases before it are done.</summary>
    public void Advance(long head)
    {
        if (head <= Head) return;
        Head = Math.Min(head, Total);
        List<long>? done = null;
        foreach (var (id, entry) in _outstanding)
            if (Global(entry.Span.Epoch, entry.Span.End) <= Head) (done ??= new()).Add(id);
        if (done != null) foreach (var id in done) _outstanding.Remove(id);
        _reissue.RemoveAll(s => Global(s.Epoch, s.End) <= Head);
    }

    /// <summary><paramref name="owner"/> is gone: its unfinished leases go back to the front of the line.</summary>
    public int Release(TOwner owner)
    {
        var released = _outstanding.Where(kv => EqualityComparer<TOwner>.Default.Equals(kv.Value.Owner, owner)).ToList();
        foreach (var (id, entry) in released)
        {
            _outstanding.Remove(id);
            _reissue.Add(entry.Span);
        }
        _reissue.Sort((a, b) => Global(a.Epoch, a.Start).CompareTo(Global(b.Epoch, b.Start)));
        return released.Count;
    }

    /// <summary>Reissues the outstanding lease that holds the head back (for a lost message, not a lost owner).</summary>
    public bool ReissueHeadLease()
    {
        foreach (var (id, entry) in _outstanding)
        {
            if (Global(entry.Span.Epoch, entry.Span.Start) <= Head && Head < Global(entry.Span.Epoch, entry.Span.End))
            {
                _outstanding.Remove(id);
                _reissue.Insert(0, entry.Span);
                return true;
            }
        }
        return false;
    }

    public bool IsOutstanding(long leaseId) => _outstanding.ContainsKey(leaseId);
}
