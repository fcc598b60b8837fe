using System.Collections;

namespace ActorSsl.Data.Batches;

/// <summary>
/// Reorders augmented samples into batches by their position in the epoch plan, so batch k of epoch e
/// always holds the same samples however many workers produced them and in whatever order they arrived.
/// Deduplicates by (epoch, sample index) and tallies each epoch. Memory is bounded by the data loader's
/// lease window (it never leases further ahead than the open batches this class may hold).
/// </summary>
public sealed class BatchAssembler : IDisposable
{
    private readonly Dictionary<long, OpenBatch> _open = new();
    private readonly Dictionary<int, EpochCounts> _epochs = new();
    private readonly int _datasetSize;

    public BatchAssembler(int plannedPerEpoch, int epochs, int batchSize, int views, int channels, int size, int datasetSize,
        int firstEpoch = 1, int firstBatchInEpoch = 0)
    {
        if (plannedPerEpoch <= 0 || epochs <= 0 || batchSize <= 0 || views <= 0 || size <= 0 || datasetSize < plannedPerEpoch)
            throw new ArgumentException("batch assembler needs positive sizes and planned ≤ dataset size");
        PlannedPerEpoch = plannedPerEpoch;
        Epochs = epochs;
        BatchSize = batchSize;
        Views = views;
        Channels = channels;
        Size = size;
        _datasetSize = datasetSize;
        BatchesPerEpoch = (plannedPerEpoch + batchSize - 1) / batchSize;
        HeadStep = (long)(firstEpoch - 1) * BatchesPerEpoch + firstBatchInEpoch;
        _firstEpoch = firstEpoch;
        _firstPosition = firstBatchInEpoch * batchSize;
    }

    private readonly int _firstEpoch;
    private readonly int _firstPosition;

    public int PlannedPerEpoch { get; }
    public int Epochs { get; }
    public int BatchSize { get; }
    public int Views { get; }
    public int Channels { get; }
    public int Size { get; }
    public int BatchesPerEpoch { get; }
    public int ViewBytes => Channels * Size * Size;
    public int SampleBytes => Views * ViewBytes;

    /// <summary>Global number of the next batch to hand out.</summary>
    public long HeadStep { get; private set; }

    public long TotalSteps => (long)BatchesPerEpoch * Epochs;

    public bool Finished => HeadStep >= TotalSteps;

    /// <summary>Global position (see LeaseLedger) below which every sample has been handed out.</summary>
    public long HeadPosition => Finished
        ? (long)PlannedPerEpoch * Epochs
        : (long)(EpochOf(HeadStep) - 1) * PlannedPerEpoch + BatchInEpoch(HeadStep) * BatchSize;

    public int OpenBatches => _open.Count;

    /// <summary>Duplicates that arrived after their epoch had been closed.</summary>
    public int LateDuplicates { get; private set; }

    /// <summary>
    /// Takes the samples of a chunk: positions [start, start+indices.Length) of <paramref name="epoch"/>;
    /// <paramref name="pixels"/> holds SampleBytes per sample ([view][chw]); samples whose offset is in
    /// <paramref name="skippedOffsets"/> were unreadable and only count as skipped. Returns the duplicates dropped.
    /// </summary>
    public int Accept(int epoch, int start, ReadOnlySpan<int> indices, ReadOnlySpan<byte> pixels, ReadOnlySpan<int> skippedOffsets)
    {
        if (epoch < 1 || epoch > Epochs) throw new ArgumentOutOfRangeException(nameof(epoch), $"epoch {epoch} is outside 1..{Epochs}");
        if (start < 0 || start + indices.Length > PlannedPerEpoch)
            throw new ArgumentOutOfRangeException(nameof(start), $"positions {start}..{start + indices.Length - 1} are outside epoch {epoch} (0..{PlannedPerEpoch - 1})");
        if (pixels.Length != indices.Length * SampleBytes)
            throw new ArgumentException($"chunk has {pixels.Length} pixel bytes for {indices.Length} samples of {SampleBytes} bytes");
        var duplicates = 0;
        for (var k = 0; k < indices.Length; k++)
        {
            var index = indices[k];
            if ((uint)index >= (uint)_datasetSize) throw new ArgumentOutOfRangeException(nameof(indices), $"sample index {index} is outside the dataset (0..{_datasetSize - 1})");
            var position = start + k;
            var step = (long)(epoch - 1) * BatchesPerEpoch + position / BatchSize;
            if (step < HeadStep)
            {
                duplicates++;
                if (_epochs.TryGetValue(epoch, out var closed)) closed.Duplicates++; else LateDuplicates++;
                continue;
            }
            var counts = CountsOf(epoch);
            var batch = OpenOrCreate(step);
            var slot = position - batch.Start;
            if (batch.IsFilled(slot) || counts.Seen[index])
            {
                duplicates++;
                counts.Duplicates++;
                continue;
            }
            counts.Seen[index] = true;
            if (skippedOffsets.Contains(k))
            {
                batch.MarkSkipped(slot, index);
                counts.Skipped++;
            }
            else
            {
                batch.Fill(slot, index, pixels.Slice(k * SampleBytes, SampleBytes));
                counts.Delivered++;
            }
        }
        return duplicates;
    }

    /// <summary>
    /// Hands out the head batch if it is complete. <paramref name="batch"/> is null when every sample of it
    /// was skipped; <paramref name="closedEpoch"/> is set when this batch was the epoch's last.
    /// </summary>
    public bool TryTake(out Batch? batch, out EpochTally? closedEpoch)
    {
        batch = null;
        closedEpoch = null;
        if (Finished || !_open.TryGetValue(HeadStep, out var head) || !head.Complete) return false;
        _open.Remove(HeadStep);
        batch = head.Seal(Channels, Size);
        HeadStep++;
        if (BatchInEpoch(HeadStep) == 0)
        {
            var epoch = head.Epoch;
            var counts = CountsOf(epoch);
            // A run resumed mid-epoch plans only the rest of its first epoch.
            var planned = epoch == _firstEpoch ? PlannedPerEpoch - _firstPosition : PlannedPerEpoch;
            closedEpoch = new EpochTally(epoch, planned, counts.Delivered, counts.Skipped, counts.Duplicates);
            _epochs.Remove(epoch);
        }
        return true;
    }

    private int EpochOf(long step) => (int)(step / BatchesPerEpoch) + 1;

    private int BatchInEpoch(long step) => (int)(step % BatchesPerEpoch);

    private OpenBatch OpenOrCreate(long step)
    {
        if (_open.TryGetValue(step, out var batch)) return batch;
        var k = BatchInEpoch(step);
        var start = k * BatchSize;
        var capacity = Math.Min(BatchSize, PlannedPerEpoch - start);
        batch = new OpenBatch(EpochOf(step), k, step, start, capacity, Views, ViewBytes);
        _open[step] = batch;
        return batch;
    }

    private EpochCounts CountsOf(int epoch)
    {
        if (!_epochs.TryGetValue(epoch, out var counts)) _epochs[epoch] = counts = new EpochCounts(_datasetSize);
        return counts;
    }

    public void Dispose()
    {
        foreach (var batch in _open.Values) batch.Discard();
        _open.Clear();
    }

    private sealed class EpochCounts(int datasetSize)
    {
        public readonly BitArray Seen = new(datasetSize);
        public int Delivered;
        public int Skipped;
        public int Duplicates;
    }
}
