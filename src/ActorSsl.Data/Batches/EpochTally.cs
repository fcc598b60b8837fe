namespace ActorSsl.Data.Batches;

/// <summary>What one finished epoch delivered. Missing must be 0: every planned position reached a batch.</summary>
public sealed record EpochTally(int Epoch, int Planned, int Delivered, int Skipped, int Duplicates)
{
    /// <summary>Planned samples that never arrived (delivered and skipped each count as arrived).</summary>
    public int Missing => Planned - Delivered - Skipped;
}
