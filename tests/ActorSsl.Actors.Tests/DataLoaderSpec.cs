using Akka.Actor;
using Akka.TestKit.Xunit2;
using ActorSsl.Actors.Loading;
using ActorSsl.Actors.Tests.Support;
using ActorSsl.Core.Messages;
using ActorSsl.Data.Epochs;

namespace ActorSsl.Actors.Tests;

public class DataLoaderSpec() : TestKit(SpecConfig.Create())
{
    private IActorRef Loader(int samples = 64, int epochs = 1, int lease = 8, int window = 64, TimeSpan? timeout = null) =>
        Sys.ActorOf(DataLoader.Props(new DataLoaderPlan(5, samples, samples, epochs, lease, window, timeout ?? TimeSpan.FromMinutes(1))));

    [Fact]
    public void Leases_must_follow_the_seeded_epoch_plan()
    {
        var loader = Loader();
        var plan = EpochPlan.Create(5, 1, 64, 64);
        loader.Tell(RequestLease.Instance);
        var first = ExpectMsg<Lease>();
        loader.Tell(RequestLease.Instance);
        var second = ExpectMsg<Lease>();
        Assert.Equal(plan.Slice(0, 8), first.Indices);
        Assert.Equal((1, 8), (second.Epoch, second.Start));
        Assert.Equal(plan.Slice(8, 8), second.Indices);
    }

    [Fact]
    public void Local_worker_without_data_must_get_its_samples_with_the_lease_and_others_must_not()
    {
        // An augment node in the run's own process (bytes transport) reads nothing itself; the run's own workers do.
        var loader = Sys.ActorOf(DataLoader.Props(new DataLoaderPlan(5, 64, 64, 1, 8, 64, TimeSpan.FromMinutes(1), Shipper: new Bytes())));
        loader.Tell(RequestLease.WithSampleBytes);
        var shipped = ExpectMsg<Lease>();
        Assert.Equal(shipped.Indices.Select(i => (byte)i), shipped.Payloads.Select(p => p.Bytes.Single()));
        var local = CreateTestProbe();
        local.Send(loader, RequestLease.Instance);
        Assert.False(local.ExpectMsg<Lease>().HasPayloads);
    }

    private sealed class Bytes : ActorSsl.Data.Shipping.IEncodedSamples
    {
        public ActorSsl.Data.Shipping.PayloadFormat PayloadFormat => ActorSsl.Data.Shipping.PayloadFormat.RawGray(1, 1);

        public byte[] TryReadEncoded(int index, int maxBytes, out string? failure)
        {
            failure = null;
            return [(byte)index];
        }
    }

    [Fact]
    public void Worker_that_dies_must_have_its_lease_reissued()
    {
        var loader = Loader();
        var doomed = CreateTestProbe();
        var survivor = CreateTestProbe();
        doomed.Send(loader, RequestLease.Instance);
        var lost = doomed.ExpectMsg<Lease>();
        survivor.Send(loader, RequestLease.Instance);
        var other = survivor.ExpectMsg<Lease>();

        Sys.Stop(doomed.Ref);
        AwaitAssert(() =>
        {
            survivor.Send(loader, RequestLease.Instance);
            var again = survivor.ExpectMsg<Lease>(TimeSpan.FromMilliseconds(500));
            Assert.Equal((lost.Epoch, lost.Start), (again.Epoch, again.Start));
            Assert.Equal(lost.Indices, again.Indices);
            Assert.NotEqual(lost.LeaseId, again.LeaseId);
        }, TimeSpan.FromSeconds(3));
        Assert.NotEqual(other.Start, lost.Start);
    }

    [Fact]
    public void Loader_must_not_lease_beyond_the_window_until_the_consumer_moves()
    {
        var loader = Loader(window: 16);
        loader.Tell(RequestLease.Instance);
        ExpectMsg<Lease>();
        loader.Tell(RequestLease.Instance);
        ExpectMsg<Lease>();
        loader.Tell(RequestLease.Instance);
        ExpectNoMsg(TimeSpan.FromMilliseconds(300)); // parked, not refused
        loader.Tell(new ConsumerHead(8));
        Assert.Equal(16, ExpectMsg<Lease>().Start);
    }

    [Fact]
    public void Loader_must_say_no_more_leases_when_the_run_is_delivered()
    {
        var loader = Loader(samples: 16, lease: 16, window: 16);
        loader.Tell(RequestLease.Instance);
        ExpectMsg<Lease>();
        loader.Tell(RequestLease.Instance);
        ExpectNoMsg(TimeSpan.FromMilliseconds(200));
        loader.Tell(new ConsumerHead(16));
        ExpectMsg<NoMoreLeases>();
    }

    [Fact]
    public void Lease_that_holds_the_head_too_long_must_be_reissued()
    {
        var loader = Loader(timeout: TimeSpan.FromMilliseconds(300));
        var silent = CreateTestProbe();
        silent.Send(loader, RequestLease.Instance);
        var lost = silent.ExpectMsg<Lease>();
        AwaitAssert(() =>
        {
            loader.Tell(RequestLease.Instance);
            var lease = ExpectMsg<Lease>(TimeSpan.FromMilliseconds(500));
            Assert.Equal(lost.Start, lease.Start);
        }, TimeSpan.FromSeconds(5));
    }
}
