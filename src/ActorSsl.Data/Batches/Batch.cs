using System.Buffers;

namespace ActorSsl.Data.Batches;

/// <summary>
/// One training step's samples: <see cref="Views"/> views of <see cref="Count"/> samples as uint8 CHW,
/// laid out view-major ([view][sample][channel][row][col]) so each view is one contiguous block that
/// becomes a [Count, C, S, S] tensor without reshuffling. The pixel array is rented: dispose the batch
/// once it has been consumed.
/// </summary>
public sealed class Batch : IDisposable
{
    private byte[]? _pixels;

    public Batch(int epoch, int indexInEpoch, long step, int[] indices, int views, int channels, int size, byte[] rentedPixels)
    {
        Epoch = epoch;
        IndexInEpoch = indexInEpoch;
        Step = step;
        Indices = indices;
        Views = views;
        Channels = channels;
        Size = size;
        _pixels = rentedPixels;
    }

    /// <summary>1-based epoch.</summary>
    public int Epoch { get; }

    /// <summary>0-based batch number within the epoch.</summary>
    public int IndexInEpoch { get; }

    /// <summary>0-based batch number within the run (all epochs).</summary>
    public long Step { get; }

    /// <summary>Dataset indices of the samples, in batch order.</summary>
    public int[] Indices { get; }

    public int Count => Indices.Length;
    public int Views { get; }
    public int Channels { get; }
    public int Size { get; }
    public int ViewBytes => Channels * Size * Size;

    /// <summary>All views of all samples: Views × Count × ViewBytes bytes.</summary>
    public ReadOnlySpan<byte> Pixels => (_pixels ?? throw new ObjectDisposedException(nameof(Batch))).AsSpan(0, Views * Count * ViewBytes);

    /// <summary>View <paramref name="view"/> of every sample: Count × ViewBytes bytes.</summary>
    public ReadOnlySpan<byte> View(int view) => Pixels.Slice(view * Count * ViewBytes, Count * ViewBytes);

    /// <summary>The underlying array (at least <see cref="Pixels"/> long), for zero-copy tensor creation.</summary>
    public byte[] RawArray => _pixels ?? throw new ObjectDisposedException(nameof(Batch));

    public void Dispose()
    {
        var pixels = Interlocked.Exchange(ref _pixels, null);
        if (pixels != null) ArrayPool<byte>.Shared.Return(pixels);
    }
}
