namespace ActorSsl.Training.Loop;

/// <summary>How the training thread checkpoints and evaluates.</summary>
public sealed record TrainingLoopOptions
{
    /// <summary>Directory for checkpoints (last.ckpt is rewritten; epoch-N.ckpt kept per epoch).</summary>
    public string CheckpointDirectory { get; init; } = "runs/checkpoints";

    /// <summary>Checkpoint every N steps (0 = only at epoch ends and on stop).</summary>
    public int CheckpointEverySteps { get; init; } = 500;

    /// <summary>Run the kNN monitor every N epochs (0 = never during training).</summary>
    public int KnnEveryEpochs { get; init; } = 1;

    /// <summary>Checkpoint to resume from, or null for a fresh run.</summary>
    public string? ResumeFrom { get; init; }

    /// <summary>Stop after this many steps in this process (0 = run to the end); for tests and quick runs.</summary>
    public long MaxSteps { get; init; }
}
