using ActorSsl.Data;
using ActorSsl.Data.Shipping;
using ActorSsl.Imaging.Augmentation;
using ActorSsl.Imaging.Decoding;

namespace ActorSsl.Actors.Augmenting;

/// <summary>
/// What every augmentation worker of a run shares: where samples come from, the view recipes (one per view, or one
/// for every view; all of one size) and chunk sizing.
/// Samples come from <see cref="Source"/> (this node has the data) or only from the leases themselves
/// (<see cref="Payloads"/>: an augment node in <c>bytes</c> transport, which has no source); a node with a source
/// still decodes shipped bytes when a lease carries them.
/// </summary>
public sealed record AugmentWorkerSetup(ISampleSource? Source, IReadOnlyList<ViewRecipe> Recipes, int Views, ulong Seed, int SamplesPerChunk,
    PayloadFormat? Payloads = null, int PayloadChannels = 0, DecoderLimits? Limits = null)
{
    public int Channels => Source?.Channels ?? PayloadChannels;
    public int OutputSize => Recipes[0].OutputSize;
    public int ViewBytes => Channels * OutputSize * OutputSize;
    public int SampleBytes => Views * ViewBytes;
}
