namespace ActorSsl.Actors.Inbox;

/// <summary>Shape of the batches the inbox assembles, and its credit budget.</summary>
public sealed record BatchInboxPlan(
    int PlannedPerEpoch,
    int Epochs,
    int BatchSize,
    int Views,
    int Channels,
    int Size,
    int DatasetSize,
    int CreditsPerWorker,
    TimeSpan ProgressInterval,
    int FirstEpoch = 1,
    int FirstBatchInEpoch = 0);
