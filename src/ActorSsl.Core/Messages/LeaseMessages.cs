namespace ActorSsl.Core.Messages;

/// <summary>
/// Worker → DataLoader: "give me work". The loader answers with a Lease now, later (window full), or NoMoreLeases.
/// A worker without a data source of its own (an augment node in <c>bytes</c> transport) asks with
/// <see cref="WithSampleBytes"/>, so that its leases carry the samples even when it lives in the run's own process.
/// </summary>
public sealed class RequestLease : IActorSslMessage
{
    public static readonly RequestLease Instance = new(false);

    /// <summary>"Give me work, with the samples' encoded bytes": this worker cannot read the data itself.</summary>
    public static readonly RequestLease WithSampleBytes = new(true);

    private RequestLease(bool needsSampleBytes) => NeedsSampleBytes = needsSampleBytes;

    public bool NeedsSampleBytes { get; }
}

/// <summary>
/// DataLoader → worker: augment the samples at positions [Start, Start+Indices.Length) of Epoch.
/// For a worker on another node in <c>bytes</c> transport, <see cref="Payloads"/> carries each sample's encoded
/// bytes (one per index; an empty array otherwise) and a lease may come in several parts, each no larger than the
/// lease byte limit: <see cref="More"/> says further parts of the same lease follow.
/// </summary>
public sealed record Lease(long LeaseId, int Epoch, int Start, int[] Indices, SamplePayload[] Payloads, bool More) : IActorSslMessage
{
    public Lease(long leaseId, int epoch, int start, int[] indices) : this(leaseId, epoch, start, indices, [], false)
    {
    }

    public int Count => Indices.Length;

    public bool HasPayloads => Payloads.Length > 0;
}

/// <summary>One shipped sample: its encoded bytes, or (bytes empty) why it could not be shipped.</summary>
public sealed record SamplePayload(byte[] Bytes, string Failure)
{
    public static SamplePayload Of(byte[] bytes) => new(bytes, "");

    public static SamplePayload Failed(string failure) => new([], failure);
}

/// <summary>DataLoader → worker: every position of the run has been handed out; stop asking.</summary>
public sealed class NoMoreLeases : IActorSslMessage
{
    public static readonly NoMoreLeases Instance = new();
    private NoMoreLeases() { }
}

/// <summary>BatchInbox → DataLoader: every position below Position (global, across epochs) reached a batch.</summary>
public sealed record ConsumerHead(long Position) : IActorSslMessage;
