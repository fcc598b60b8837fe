namespace ActorSsl.Core.Messages;

/// <summary>BatchInbox → Coordinator: an epoch closed; Missing = Planned − Delivered − Skipped must be 0.</summary>
public sealed record EpochCompleted(int Epoch, int Planned, int Delivered, int Skipped, int Duplicates) : IActorSslMessage
{
    public int Missing => Planned - Delivered - Skipped;
}

/// <summary>BatchInbox → Coordinator: samples that could not be read, with the reason, first time seen in a run.</summary>
public sealed record SamplesSkipped(int[] Indices, string[] Reasons) : IActorSslMessage;

/// <summary>BatchInbox → Coordinator, every progress interval: cumulative counters of the inbox.</summary>
public sealed record InboxProgress(long Batches, long Samples, long Duplicates, int OpenBatches, int CreditsOutstanding, int Producers) : IActorSslMessage;

/// <summary>Anyone → Coordinator: ask for a <see cref="RunProgress"/>.</summary>
public sealed class GetProgress : IActorSslMessage
{
    public static readonly GetProgress Instance = new();
    private GetProgress() { }
}

/// <summary>Coordinator → asker: where the run is.</summary>
public sealed record RunProgress(
    int EpochsCompleted,
    int Epochs,
    long Batches,
    long Samples,
    long Duplicates,
    long Skipped,
    long Missing,
    bool Finished) : IActorSslMessage;
