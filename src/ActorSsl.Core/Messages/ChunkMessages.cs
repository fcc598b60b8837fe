namespace ActorSsl.Core.Messages;

/// <summary>Worker → BatchInbox: "I produce chunks"; the inbox watches the worker and starts granting it credit.</summary>
public sealed class RegisterProducer : IActorSslMessage
{
    public static readonly RegisterProducer Instance = new();
    private RegisterProducer() { }
}

/// <summary>BatchInbox → worker: permission to send <see cref="Chunks"/> more chunks.</summary>
public sealed record Credit(int Chunks) : IActorSslMessage;

/// <summary>
/// Worker → BatchInbox (only against credit): augmented views of consecutive positions
/// [Start, Start+Indices.Length) of a lease. Pixels hold, per sample, Views × Channels × Size × Size bytes
/// (uint8 CHW, view after view). Samples listed in SkippedOffsets could not be read; their pixels are zero
/// and SkipReasons says why, one reason per skipped offset.
/// </summary>
public sealed record AugmentedChunk(
    long LeaseId,
    int Epoch,
    int Start,
    int[] Indices,
    int[] SkippedOffsets,
    string[] SkipReasons,
    int Views,
    int Channels,
    int Size,
    byte[] Pixels) : IActorSslMessage
{
    public int SampleBytes => Views * Channels * Size * Size;
}
