using ActorSsl.Data.Epochs;

namespace ActorSsl.Data.Tests.Epochs;

public class LeaseLedgerSpec
{
    [Fact]
    public void Leases_must_cover_every_position_of_every_epoch_once_in_order()
    {
        var ledger = new LeaseLedger<string>(plannedPerEpoch: 10, epochs: 2, leaseSize: 4, windowSamples: 100);
        var spans = new List<LeaseSpan>();
        while (ledger.TryIssue("w") is { } span) spans.Add(span);
        Assert.Equal(new[] { (1, 0, 4), (1, 4, 4), (1, 8, 2), (2, 0, 4), (2, 4, 4), (2, 8, 2) },
            spans.Select(s => (s.Epoch, s.Start, s.Count)));
        Assert.Equal(spans.Count, spans.Select(s => s.LeaseId).Distinct().Count());
        Assert.True(ledger.Exhausted);
        Assert.False(ledger.Finished);
    }

    [Fact]
    public void Leasing_must_stop_at_the_window_until_the_head_moves()
    {
        var ledger = new LeaseLedger<string>(plannedPerEpoch: 100, epochs: 1, leaseSize: 10, windowSamples: 25);
        Assert.NotNull(ledger.TryIssue("w"));
        Assert.NotNull(ledger.TryIssue("w"));
        var third = ledger.TryIssue("w");
        Assert.Equal(5, third!.Value.Count); // clipped to the window
        Assert.Null(ledger.TryIssue("w"));
        ledger.Advance(10);
        Assert.Equal(2, ledger.OutstandingCount); // the first lease is done
        Assert.Equal(25, ledger.TryIssue("w")!.Value.Start);
    }

    [Fact]
    public void Leases_of_a_released_owner_must_be_reissued_first_under_new_ids()
    {
        var ledger = new LeaseLedger<string>(plannedPerEpoch: 100, epochs: 1, leaseSize: 10, windowSamples: 100);
        var a = ledger.TryIssue("a")!.Value;
        var b = ledger.TryIssue("b")!.Value;
        Assert.Equal(1, ledger.Release("a"));
        var again = ledger.TryIssue("c")!.Value;
        Assert.Equal((a.Epoch, a.Start, a.Count), (again.Epoch, again.Start, again.Count));
        Assert.NotEqual(a.LeaseId, again.LeaseId);
        Assert.True(ledger.IsOutstanding(b.LeaseId));
        Assert.Equal(20, ledger.TryIssue("c")!.Value.Start);
    }

    [Fact]
    public void Lease_holding_the_head_must_be_reissued_on_request()
    {
        var ledger = new LeaseLedger<string>(plannedPerEpoch: 100, epochs: 1, leaseSize: 10, windowSamples: 100);
        var first = ledger.TryIssue("a")!.Value;
        ledger.TryIssue("a");
        Assert.True(ledger.ReissueHeadLease());
        Assert.Equal(first.Start, ledger.TryIssue("b")!.Value.Start);
    }

    [Fact]
    public void Head_at_the_end_must_finish_the_run()
    {
        var ledger = new LeaseLedger<string>(plannedPerEpoch: 10, epochs: 2, leaseSize: 10, windowSamples: 20);
        ledger.TryIssue("a");
        ledger.TryIssue("a");
        ledger.Advance(20);
        Assert.True(ledger.Finished);
        Assert.Equal(0, ledger.OutstandingCount);
    }
}
