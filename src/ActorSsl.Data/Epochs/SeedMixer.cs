namespace ActorSsl.Data.Epochs;

/// <summary>
/// SplitMix64 mixing: turns (run seed, epoch, …) into well-spread 64-bit seeds, so each epoch's
/// permutation is a pure function of its inputs and independent of every other epoch.
/// </summary>
public static class SeedMixer
{
    public static ulong Mix(ulong x)
    {
        x += 0x9E3779B97F4A7C15UL;
        x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9UL;
        x = (x ^ (x >> 27)) * 0x94D049BB133111EBUL;
        return x ^ (x >> 31);
    }

    public static ulong Combine(ulong seed, ulong value) => Mix(seed ^ Mix(value + 0x632BE59BD9B4E019UL));
}
