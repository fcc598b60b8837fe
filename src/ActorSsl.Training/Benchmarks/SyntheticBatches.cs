using System.Buffers;
using ActorSsl.Data.Batches;

namespace ActorSsl.Training.Benchmarks;

/// <summary>
/// Pre-made batches of random uint8 views for timing a training step without the data pipeline.
/// The pixels are drawn once from a fixed seed; each call hands out a fresh <see cref="Batch"/> (rented array)
/// with the next step number, exactly what the pipeline would deliver.
/// </summary>
public sealed class SyntheticBatches(int batchSize, int views, int channels, int size, int seed = 1)
{
    private readonly byte[] _pixels = Fill(batchSize * views * channels * size * size, seed);

    public int BatchSize => batchSize;

    public Batch Next(long step)
    {
        var rented = ArrayPool<byte>.Shared.Rent(_pixels.Length);
        _pixels.CopyTo(rented, 0);
        var indices = Enumerable.Range(0, batchSize).ToArray();
        return new Batch(1, (int)step, step, indices, views, channels, size, rented);
    }

    private static byte[] Fill(int length, int seed)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }
}
