using ActorSsl.Data;
using ActorSsl.Data.Shipping;
using ActorSsl.Imaging.Augmentation;
using ActorSsl.Imaging.Decoding;

namespace ActorSsl.Actors.Augmenting;

/// <summary>
/// What every augmentation worker of a run shares: where samples come from, the view recipe and chunk sizing.
/// Samples come from <see cref="Source"/> (this node has the data) or only from the leases themselves
/// (<see cref="Payloads"/>: an augment node in <c>bytes</c> transport, which has no source); a node with a source
/// still decodes shipped bytes when a lease carries them.
/// </summary>
public sealed record AugmentWorkerSetup(ISampleSource? Source, ViewRecipe Recipe, int Views, ulong Seed, int SamplesPerChunk,
    PayloadFormat? Payloads = null, int PayloadChannels = 0, DecoderLimits? Limits = null)
{
    public int Channels => Source?.Channels ?? PayloadChannels;
    public int ViewBytes => Channels * Recipe.OutputSize * Recipe.OutputSize;
    public int SampleBytes => Views * ViewBytes;
}
