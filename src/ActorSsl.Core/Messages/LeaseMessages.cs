namespace ActorSsl.Core.Messages;

/// <summary>Worker → DataLoader: "give me work". The loader answers with a Lease now, later (window full), or NoMoreLeases.</summary>
public sealed class RequestLease : IActorSslMessage
{
    public static readonly RequestLease Instance = new();
    private RequestLease() { }
}

/// <summary>DataLoader → worker: augment the samples at positions [Start, Start+Indices.Length) of Epoch.</summary>
public sealed record Lease(long LeaseId, int Epoch, int Start, int[] Indices) : IActorSslMessage
{
    public int Count => Indices.Length;
}

/// <summary>DataLoader → worker: every position of the run has been handed out; stop asking.</summary>
public sealed class NoMoreLeases : IActorSslMessage
{
    public static readonly NoMoreLeases Instance = new();
    private NoMoreLeases() { }
}

/// <summary>BatchInbox → DataLoader: every position below Position (global, across epochs) reached a batch.</summary>
public sealed record ConsumerHead(long Position) : IActorSslMessage;
