using Akka.Actor;
using Akka.TestKit.Xunit2;
using ActorSsl.Actors.Augmenting;
using ActorSsl.Actors.Tests.Support;
using ActorSsl.Core.Messages;
using ActorSsl.Core.Settings;

namespace ActorSsl.Actors.Tests;

public class AugmentWorkerSpec() : TestKit(SpecConfig.Create())
{
    private AugmentWorkerSetup Setup(SyntheticSource source, int samplesPerChunk = 4)
    {
        var settings = ActorSslSettings.Create(Sys.Settings.Config);
        return new AugmentWorkerSetup(source, settings.Augment.Recipes, 2, 42, samplesPerChunk);
    }

    [Fact]
    public void Worker_must_send_no_chunk_without_credit()
    {
        var loader = CreateTestProbe();
        var inbox = CreateTestProbe();
        var worker = Sys.ActorOf(AugmentWorker.Props(Setup(new SyntheticSource(100)), loader.Ref, inbox.Ref));

        inbox.ExpectMsg<RegisterProducer>();
        loader.ExpectMsg<RequestLease>();
        loader.Reply(new Lease(1, 1, 0, Enumerable.Range(0, 20).ToArray()));
        inbox.ExpectNoMsg(TimeSpan.FromMilliseconds(300));

        inbox.Send(worker, new Credit(2));
        var first = inbox.ExpectMsg<AugmentedChunk>();
        var second = inbox.ExpectMsg<AugmentedChunk>();
        inbox.ExpectNoMsg(TimeSpan.FromMilliseconds(300));
        Assert.Equal((0, 4), (first.Start, second.Start - first.Start));
        Assert.Equal(4, first.Indices.Length);

        inbox.Send(worker, new Credit(1));
        Assert.Equal(8, inbox.ExpectMsg<AugmentedChunk>().Start);
        inbox.ExpectNoMsg(TimeSpan.FromMilliseconds(200));
    }

    [Fact]
    public void Worker_must_prefetch_one_lease_and_report_unreadable_samples()
    {
        var loader = CreateTestProbe();
        var inbox = CreateTestProbe();
        var worker = Sys.ActorOf(AugmentWorker.Props(Setup(new SyntheticSource(10, broken: new HashSet<int> { 3 })), loader.Ref, inbox.Ref));
        inbox.ExpectMsg<RegisterProducer>();
        loader.ExpectMsg<RequestLease>();
        loader.Reply(new Lease(1, 1, 0, new[] { 2, 3, 4 }));
        loader.ExpectMsg<RequestLease>(); // the prefetch: a second lease while the first is in work
        loader.ExpectNoMsg(TimeSpan.FromMilliseconds(200));

        inbox.Send(worker, new Credit(1));
        var chunk = inbox.ExpectMsg<AugmentedChunk>();
        Assert.Equal(new[] { 2, 3, 4 }, chunk.Indices);
        Assert.Equal(new[] { 1 }, chunk.SkippedOffsets);
        Assert.Equal("synthetic corruption", chunk.SkipReasons.Single());
        Assert.Equal(3 * 2 * 8 * 8, chunk.Pixels.Length);
        Assert.True(chunk.Pixels.AsSpan(chunk.SampleBytes, chunk.SampleBytes).IndexOfAnyExcept((byte)0) < 0);
    }
}
