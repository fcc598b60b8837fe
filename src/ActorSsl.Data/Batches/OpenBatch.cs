using System.Buffers;

namespace ActorSsl.Data.Batches;

/// <summary>A batch being filled: fixed slots for positions [Start, Start+Capacity) of one epoch.</summary>
internal sealed class OpenBatch
{
    private readonly int _views;
    private readonly int _viewBytes;
    private readonly bool[] _filled;
    private readonly bool[] _skipped;
    private byte[]? _pixels;

    public OpenBatch(int epoch, int indexInEpoch, long step, int start, int capacity, int views, int viewBytes)
    {
        Epoch = epoch;
        IndexInEpoch = indexInEpoch;
        Step = step;
        Start = start;
        Capacity = capacity;
        _views = views;
        _viewBytes = viewBytes;
        Indices = new int[capacity];
        _filled = new bool[capacity];
        _skipped = new bool[capacity];
        _pixels = ArrayPool<byte>.Shared.Rent(checked(views * capacity * viewBytes));
    }

    public int Epoch { get; }
    public int IndexInEpoch { get; }
    public long Step { get; }
    public int Start { get; }
    public int Capacity { get; }
    public int[] Indices { get; }
    public int Filled { get; private set; }
    public int SkippedCount { get; private set; }
    public bool Complete => Filled == Capacity;

    public bool IsFilled(int slot) => _filled[slot];

    /// <summary>Copies one sample ([view][chw] in <paramref name="sample"/>) into its slot.</summary>
    public void Fill(int slot, int index, ReadOnlySpan<byte> sample)
    {
        var pixels = _pixels!;
        for (var v = 0; v < _views; v++)
            sample.Slice(v * _viewBytes, _viewBytes).CopyTo(pixels.AsSpan((v * Capacity + slot) * _viewBytes, _viewBytes));
        Mark(slot, index, skipped: false);
    }

    public void MarkSkipped(int slot, int index) => Mark(slot, index, skipped: true);

    private void Mark(int slot, int index, bool skipped)
    {
        Indices[slot] = index;
        _filled[slot] = true;
        _skipped[slot] = skipped;
        Filled++;
        if (skipped) SkippedCount++;
    }

    /// <summary>Hands the pixels over as a <see cref="Batch"/>, compacting out skipped slots; null when all were skipped.</summary>
    public Batch? Seal(int channels, int size)
    {
        var pixels = _pixels!;
        _pixels = null;
        var count = Capacity - SkippedCount;
        if (count == 0)
        {
            ArrayPool<byte>.Shared.Return(pixels);
            return null;
        }
        var indices = new int[count];
        if (SkippedCount == 0)
        {
            Indices.CopyTo(indices, 0);
            return new Batch(Epoch, IndexInEpoch, Step, indices, _views, channels, size, pixels);
        }
        // Move kept samples down to [view][0..count): destinations never overtake sources, so in place is safe.
        for (var v = 0; v < _views; v++)
        {
            var dst = 0;
            for (var slot = 0; slot < Capacity; slot++)
            {
                if (_skipped[slot]) continue;
                if (v == 0) indices[dst] = Indices[slot];
                pixels.AsSpan((v * Capacity + slot) * _viewBytes, _viewBytes)
                    .CopyTo(pixels.AsSpan((v * count + dst) * _viewBytes, _viewBytes));
                dst++;
            }
        }
        return new Batch(Epoch, IndexInEpoch, Step, indices, _views, channels, size, pixels);
    }

    public void Discard()
    {
        var pixels = Interlocked.Exchange(ref _pixels, null);
        if (pixels != null) ArrayPool<byte>.Shared.Return(pixels);
    }
}
