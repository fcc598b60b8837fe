using System.Threading.Channels;
using Akka.Actor;
using Akka.TestKit.Xunit2;
using ActorSsl.Actors.Inbox;
using ActorSsl.Actors.Tests.Support;
using ActorSsl.Core.Messages;
using ActorSsl.Data.Batches;

namespace ActorSsl.Actors.Tests;

public class BatchInboxSpec() : TestKit(SpecConfig.Create())
{
    // 1 view, 1 channel, 1x1 pixels: a sample is one byte.
    private static AugmentedChunk Chunk(int start, params int[] indices) =>
        new(1, 1, start, indices, Array.Empty<int>(), Array.Empty<string>(), 1, 1, 1, indices.Select(i => (byte)(i + 100)).ToArray());

    private (IActorRef Inbox, Channel<Batch> Channel) Inbox(IActorRef loader, IActorRef coordinator, int planned = 8, int batch = 4, int capacity = 4, int credits = 2)
    {
        var channel = Channel.CreateBounded<Batch>(capacity);
        var plan = new BatchInboxPlan(planned, 1, batch, 1, 1, 1, 16, credits, TimeSpan.FromSeconds(10));
        return (Sys.ActorOf(BatchInbox.Props(plan, channel.Writer, loader, coordinator)), channel);
    }

    [Fact]
    public async Task Inbox_must_grant_credit_on_registration_and_drop_chunks_sent_without_it()
    {
        var loader = CreateTestProbe();
        var coordinator = CreateTestProbe();
        var (inbox, channel) = Inbox(loader.Ref, coordinator.Ref);
        var worker = CreateTestProbe();

        worker.Send(inbox, Chunk(0, 0, 1, 2, 3)); // never registered: no credit
        worker.ExpectNoMsg(TimeSpan.FromMilliseconds(200));
        Assert.False(channel.Reader.TryRead(out _));

        worker.Send(inbox, RegisterProducer.Instance);
        Assert.Equal(2, worker.ExpectMsg<Credit>().Chunks);
        worker.Send(inbox, Chunk(0, 0, 1, 2, 3));
        Assert.Equal(1, worker.ExpectMsg<Credit>().Chunks); // the spent credit comes back
        var batch = await channel.Reader.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(3));
        Assert.Equal(new[] { 0, 1, 2, 3 }, batch.Indices);
        Assert.Equal(new byte[] { 100, 101, 102, 103 }, batch.Pixels.ToArray());
        Assert.Equal(4, loader.ExpectMsg<ConsumerHead>().Position);
        batch.Dispose();
    }

    [Fact]
    public void Duplicate_chunk_must_be_dropped_and_counted_in_the_epoch_tally()
    {
        var loader = CreateTestProbe();
        var coordinator = CreateTestProbe();
        var (inbox, channel) = Inbox(loader.Ref, coordinator.Ref, credits: 8);
        var worker = CreateTestProbe();
        worker.Send(inbox, RegisterProducer.Instance);
        worker.ExpectMsg<Credit>();

        worker.Send(inbox, Chunk(0, 5, 6));
        worker.Send(inbox, Chunk(0, 5, 6)); // e.g. a reissued lease whose first owner was only slow
        worker.Send(inbox, Chunk(2, 7, 8, 9, 10, 11, 12));
        var closed = coordinator.FishForMessage(m => m is EpochCompleted) as EpochCompleted;
        Assert.Equal(new EpochCompleted(1, 8, 8, 0, 2), closed);
        Assert.Equal(0, closed!.Missing);
        Assert.Equal(2, channel.Reader.Count);
    }

    [Fact]
    public void Inbox_must_withhold_credit_while_the_channel_is_full()
    {
        var loader = CreateTestProbe();
        var coordinator = CreateTestProbe();
        var (inbox, channel) = Inbox(loader.Ref, coordinator.Ref, planned: 12, capacity: 1, credits: 1);
        var worker = CreateTestProbe();
        worker.Send(inbox, RegisterProducer.Instance);
        worker.ExpectMsg<Credit>();
        worker.Send(inbox, Chunk(0, 0, 1, 2, 3));
        worker.ExpectMsg<Credit>();              // channel had room: batch 0 went in
        worker.Send(inbox, Chunk(4, 4, 5, 6, 7));
        worker.ExpectNoMsg(TimeSpan.FromMilliseconds(300)); // batch 1 waits: no credit

        channel.Reader.TryRead(out var first);
        first!.Dispose();
        worker.ExpectMsg<Credit>();              // consumer drained: credit flows again
        Assert.True(channel.Reader.TryRead(out var second));
        Assert.Equal(new[] { 4, 5, 6, 7 }, second!.Indices);
        second.Dispose();
    }
}
