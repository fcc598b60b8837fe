using ActorSsl.Data;
using ActorSsl.Imaging.Augmentation;

namespace ActorSsl.Actors.Augmenting;

/// <summary>What every augmentation worker of a run shares: the sample source, the view recipe and chunk sizing.</summary>
public sealed record AugmentWorkerSetup(ISampleSource Source, ViewRecipe Recipe, int Views, ulong Seed, int SamplesPerChunk)
{
    public int ViewBytes => Source.Channels * Recipe.OutputSize * Recipe.OutputSize;
    public int SampleBytes => Views * ViewBytes;
}
