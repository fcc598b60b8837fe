using ActorSsl.Data.Batches;

namespace ActorSsl.Data.Tests.Batches;

public class BatchAssemblerSpec
{
    // 1 view, 1 channel, 1x1 pixel: each sample is one byte, so content is easy to check.
    private static BatchAssembler Assembler(int planned = 6, int epochs = 1, int batch = 4, int dataset = 10) =>
        new(planned, epochs, batch, views: 1, channels: 1, size: 1, datasetSize: dataset);

    private static byte[] Bytes(params int[] values) => values.Select(v => (byte)v).ToArray();

    [Fact]
    public void Batches_must_follow_plan_order_whatever_the_arrival_order()
    {
        using var assembler = Assembler();
        Assert.Equal(0, assembler.Accept(1, 2, new[] { 5, 6 }, Bytes(50, 60), default));
        Assert.False(assembler.TryTake(out _, out _));
        assembler.Accept(1, 0, new[] { 3, 4 }, Bytes(30, 40), default);
        Assert.True(assembler.TryTake(out var batch, out var closed));
        Assert.Null(closed);
        Assert.Equal(new[] { 3, 4, 5, 6 }, batch!.Indices);
        Assert.Equal(Bytes(30, 40, 50, 60), batch.Pixels.ToArray());
        batch.Dispose();
    }

    [Fact]
    public void Last_partial_batch_must_close_the_epoch_with_its_tally()
    {
        using var assembler = Assembler();
        assembler.Accept(1, 0, new[] { 0, 1, 2, 3, 4, 5 }, Bytes(0, 1, 2, 3, 4, 5), default);
        Assert.True(assembler.TryTake(out var first, out _));
        Assert.True(assembler.TryTake(out var last, out var closed));
        Assert.Equal(2, last!.Count);
        Assert.Equal(new EpochTally(1, 6, 6, 0, 0), closed);
        Assert.Equal(0, closed!.Missing);
        Assert.True(assembler.Finished);
        first!.Dispose();
        last.Dispose();
    }

    [Fact]
    public void Duplicates_must_be_dropped_and_counted()
    {
        using var assembler = Assembler(planned: 4, batch: 4);
        assembler.Accept(1, 0, new[] { 7, 8 }, Bytes(70, 80), default);
        Assert.Equal(2, assembler.Accept(1, 0, new[] { 7, 8 }, Bytes(71, 81), default));
        assembler.Accept(1, 2, new[] { 1, 2 }, Bytes(10, 20), default);
        Assert.True(assembler.TryTake(out var batch, out var closed));
        Assert.Equal(Bytes(70, 80, 10, 20), batch!.Pixels.ToArray());
        Assert.Equal(2, closed!.Duplicates);
        // After the batch left, the same positions are duplicates too.
        Assert.Equal(1, assembler.Accept(1, 0, new[] { 7 }, Bytes(72), default));
        Assert.Equal(1, assembler.LateDuplicates);
        batch.Dispose();
    }

    [Fact]
    public void Skipped_samples_must_be_counted_and_left_out_of_the_batch()
    {
        using var assembler = new BatchAssembler(4, 1, 4, views: 2, channels: 1, size: 1, datasetSize: 4);
        // per sample: [view0, view1]
        assembler.Accept(1, 0, new[] { 0, 1, 2, 3 }, Bytes(1, 2, 0, 0, 5, 6, 7, 8), new[] { 1 });
        Assert.True(assembler.TryTake(out var batch, out var closed));
        Assert.Equal(new[] { 0, 2, 3 }, batch!.Indices);
        Assert.Equal(Bytes(1, 5, 7), batch.View(0).ToArray());
        Assert.Equal(Bytes(2, 6, 8), batch.View(1).ToArray());
        Assert.Equal(new EpochTally(1, 4, 3, 1, 0), closed);
        batch.Dispose();
    }

    [Fact]
    public void Head_position_must_advance_by_batches_across_epochs()
    {
        using var assembler = Assembler(planned: 4, epochs: 2, batch: 2, dataset: 4);
        assembler.Accept(1, 0, new[] { 0, 1, 2, 3 }, Bytes(0, 1, 2, 3), default);
        while (assembler.TryTake(out var b, out _)) b?.Dispose();
        Assert.Equal(4, assembler.HeadPosition);
        Assert.Equal(2, assembler.HeadStep);
        assembler.Accept(2, 0, new[] { 3, 2 }, Bytes(3, 2), default);
        Assert.True(assembler.TryTake(out var next, out _));
        Assert.Equal(2, next!.Epoch);
        Assert.Equal(6, assembler.HeadPosition);
        next.Dispose();
    }

    [Fact]
    public void Samples_outside_the_epoch_must_be_rejected()
    {
        using var assembler = Assembler();
        Assert.Throws<ArgumentOutOfRangeException>(() => assembler.Accept(1, 5, new[] { 1, 2 }, Bytes(1, 2), default));
        Assert.Throws<ArgumentOutOfRangeException>(() => assembler.Accept(2, 0, new[] { 1 }, Bytes(1), default));
    }
}

public class BatchAssemblerResumeSpec
{
    [Fact]
    public void Resumed_epoch_must_plan_only_its_remaining_batches()
    {
        using var assembler = new BatchAssembler(8, 2, 4, views: 1, channels: 1, size: 1, datasetSize: 8, firstEpoch: 1, firstBatchInEpoch: 1);
        Assert.Equal(4, assembler.HeadPosition);
        assembler.Accept(1, 4, new[] { 4, 5, 6, 7 }, new byte[4], default);
        Assert.True(assembler.TryTake(out var batch, out var closed));
        Assert.Equal(new EpochTally(1, 4, 4, 0, 0), closed);
        Assert.Equal(0, closed!.Missing);
        batch!.Dispose();
    }
}
