namespace ActorSsl.Training.Loop;

/// <summary>
/// Where a run stands: the next global step and, equivalently, the epoch and batch within it that comes
/// next. Batches are a pure function of (seed, epoch, batch index), so this is the whole data cursor.
/// </summary>
public sealed record TrainingCursor(long NextStep, int StepsPerEpoch)
{
    public int Epoch => (int)(NextStep / StepsPerEpoch) + 1;
    public int BatchInEpoch => (int)(NextStep % StepsPerEpoch);
}
