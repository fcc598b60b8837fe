using ActorSsl.Data.Shipping;

namespace ActorSsl.Actors.Loading;

/// <summary>
/// What the data loader needs to know about a run: dataset size, epoch plans, lease sizes and flow windows, and —
/// for <c>bytes</c> transport — where to read the encoded samples it ships to workers on other nodes.
/// </summary>
public sealed record DataLoaderPlan(
    ulong Seed,
    int SampleCount,
    int PlannedPerEpoch,
    int Epochs,
    int LeaseSize,
    int WindowSamples,
    TimeSpan LeaseTimeout,
    int FirstEpoch = 1,
    int FirstPosition = 0,
    IEncodedSamples? Shipper = null,
    int LeaseMaxBytes = 1 << 20);
