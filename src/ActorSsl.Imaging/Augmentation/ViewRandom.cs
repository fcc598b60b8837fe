using System.Numerics;

namespace ActorSsl.Imaging.Augmentation;

/// <summary>
/// Small, fast PRNG (xoshiro256** seeded through SplitMix64) that makes every view reproducible:
/// <see cref="For"/> hashes (run seed, epoch, sample index, view) into the state, so a view is a pure
/// function of those four numbers and the source pixels, independent of worker, order or thread.
/// A mutable struct: pass it by <c>ref</c>, a copy continues the same sequence independently.
/// </summary>
public struct ViewRandom
{
    private const ulong Golden = 0x9E3779B97F4A7C15UL;
    private ulong _s0, _s1, _s2, _s3;

    /// <summary>Seeds the generator from one 64-bit value (expanded by SplitMix64).</summary>
    public ViewRandom(ulong seed)
    {
        var state = seed;
        _s0 = SplitMix(ref state);
        _s1 = SplitMix(ref state);
        _s2 = SplitMix(ref state);
        _s3 = SplitMix(ref state);
        if ((_s0 | _s1 | _s2 | _s3) == 0) _s0 = Golden; // xoshiro must not start from the all-zero state
    }

    /// <summary>The generator of view <paramref name="view"/> of sample <paramref name="sampleIndex"/> in <paramref name="epoch"/>.</summary>
    public static ViewRandom For(ulong runSeed, int epoch, long sampleIndex, int view)
    {
        // Each field goes through its own keyed finaliser before being folded into the chain, so
        // swapping fields or changing any one of them gives an unrelated state.
        var h = Mix(runSeed ^ 0x6A09E667F3BCC908UL);
        h = Mix(h + Mix((ulong)(long)epoch ^ 0xBB67AE8584CAA73BUL));
        h = Mix(h + Mix((ulong)sampleIndex ^ 0x3C6EF372FE94F82BUL));
        h = Mix(h + Mix((ulong)(long)view ^ 0xA54FF53A5F1D36F1UL));
        return new ViewRandom(h);
    }

    /// <summary>Next 64 uniformly random bits.</summary>
    public ulong NextUInt64()
    {
        var result = BitOperations.RotateLeft(_s1 * 5, 7) * 9;
        var t = _s1 << 17;
        _s2 ^= _s0;
        _s3 ^= _s1;
        _s1 ^= _s2;
        _s0 ^= _s3;
        _s2 ^= t;
        _s3 = BitOperations.RotateLeft(_s3, 45);
        return result;
    }

    /// <summary>Uniform in [0, 1) with 53 random bits.</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    /// <summary>Uniform in [0, 1) with 24 random bits.</summary>
    public float NextFloat() => (NextUInt64() >> 40) * (1.0f / (1 << 24));

    /// <summary>Uniform integer in [0, <paramref name="n"/>), unbiased (Lemire's multiply-and-reject).</summary>
    public int NextInt(int n)
    {
        if (n <= 0) throw new ArgumentOutOfRangeException(nameof(n), $"bound {n} must be positive");
        var bound = (ulong)n;
        var high = Math.BigMul(NextUInt64(), bound, out var low);
        if (low < bound)
        {
            var threshold = (0UL - bound) % bound;
            while (low < threshold) high = Math.BigMul(NextUInt64(), bound, out low);
        }
        return (int)high;
    }

    /// <summary>Uniform in [<paramref name="min"/>, <paramref name="max"/>).</summary>
    public double Uniform(double min, double max) => min + (max - min) * NextDouble();

    /// <summary>True with probability <paramref name="p"/> (never for 0, always for 1). Always consumes one draw.</summary>
    public bool Chance(double p) => NextDouble() < p;

    private static ulong SplitMix(ref ulong state)
    {
        state += Golden;
        return Mix(state);
    }

    private static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
