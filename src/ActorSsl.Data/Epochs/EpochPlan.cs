namespace ActorSsl.Data.Epochs;

/// <summary>
/// The order in which an epoch visits the dataset: a seeded permutation of sample indices 0..N-1,
/// truncated to <see cref="Planned"/> positions (with drop-last, the tail that cannot fill a batch is
/// left out; a different tail each epoch, so every sample is seen across epochs).
/// </summary>
public sealed class EpochPlan
{
    private readonly int[] _order;

    private EpochPlan(int epoch, int[] order, int planned)
    {
        Epoch = epoch;
        _order = order;
        Planned = planned;
    }

    /// <summary>1-based epoch number.</summary>
    public int Epoch { get; }

    /// <summary>Positions this epoch delivers.</summary>
    public int Planned { get; }

    /// <summary>Sample index at <paramref name="position"/> (0 ≤ position &lt; Planned).</summary>
    public int IndexAt(int position) => (uint)position < (uint)Planned
        ? _order[position]
        : throw new ArgumentOutOfRangeException(nameof(position), $"position {position} is outside epoch {Epoch} (0..{Planned - 1})");

    /// <summary>Copies the indices of positions [start, start+count) into a new array.</summary>
    public int[] Slice(int start, int count) => _order.AsSpan(start, count).ToArray();

    public static EpochPlan Create(ulong runSeed, int epoch, int sampleCount, int planned)
    {
        if (sampleCount <= 0) throw new ArgumentOutOfRangeException(nameof(sampleCount), "an epoch needs at least one sample");
        if (planned <= 0 || planned > sampleCount)
            throw new ArgumentOutOfRangeException(nameof(planned), $"planned {planned} must be in 1..{sampleCount}");
        var order = new int[sampleCount];
        for (var i = 0; i < order.Length; i++) order[i] = i;
        // Fisher–Yates driven by a SplitMix64 stream seeded from (run seed, epoch).
        var state = SeedMixer.Combine(runSeed, (ulong)epoch);
        for (var i = order.Length - 1; i > 0; i--)
        {
            state = SeedMixer.Mix(state);
            var j = (int)(state % (ulong)(i + 1));
            (order[i], order[j]) = (order[j], order[i]);
        }
        return new EpochPlan(epoch, order, planned);
    }

    /// <summary>Positions per epoch for a dataset of <paramref name="sampleCount"/> samples.</summary>
    public static int PlannedPerEpoch(int sampleCount, int batchSize, bool dropLast)
    {
        if (batchSize <= 0) throw new ArgumentOutOfRangeException(nameof(batchSize));
        if (!dropLast) return sampleCount;
        var planned = sampleCount / batchSize * batchSize;
        if (planned == 0)
            throw new ArgumentException($"drop-last with batch size {batchSize} leaves no sample of the {sampleCount} available: lower actorssl.pipeline.batch-size or turn drop-last off");
        return planned;
    }
}
