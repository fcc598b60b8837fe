namespace ActorSsl.Core.Settings;

/// <summary><c>actorssl.run</c>: seed, epochs and dataset subset of a run.</summary>
public sealed record RunSettings(ulong Seed, int Epochs, int MaxSamples)
{
    public static RunSettings Create(ConfigReader run) => new(
        (ulong)run.Long("seed", 0),
        run.Int("epochs", 1, 100_000),
        run.Int("max-samples", 0));
}
