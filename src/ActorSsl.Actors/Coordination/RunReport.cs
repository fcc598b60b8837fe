using ActorSsl.Core.Messages;

namespace ActorSsl.Actors.Coordination;

/// <summary>A file or sample that was skipped, where it comes from and why.</summary>
public sealed record SkippedSample(int Index, string Source, string Reason);

/// <summary>What the coordinator knows when a run ends: each epoch's accounting and every skipped sample.</summary>
public sealed record RunReport(IReadOnlyList<EpochCompleted> Epochs, IReadOnlyList<SkippedSample> Skipped, InboxProgress? Inbox, TrainingTally? Training = null)
{
    public long Missing => Epochs.Sum(e => (long)e.Missing);

    /// <summary>Duplicates dropped by the inbox over the run (including ones that arrived after their epoch closed).</summary>
    public long Duplicates => Math.Max(Inbox?.Duplicates ?? 0, Epochs.Sum(e => (long)e.Duplicates));
}
