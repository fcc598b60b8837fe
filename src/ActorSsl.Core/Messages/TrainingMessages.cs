namespace ActorSsl.Core.Messages;

/// <summary>Trainer → Coordinator, every step: what the step did and how long the trainer waited for its batch.</summary>
public sealed record StepMetrics(long Step, int Epoch, int Samples, double Loss, double LearningRate, double StepMilliseconds, double WaitMilliseconds)
    : IActorSslMessage;

/// <summary>Trainer → Coordinator: kNN top-1 (%) of the representation after an epoch.</summary>
public sealed record EpochEvaluated(int Epoch, double KnnTop1) : IActorSslMessage;

/// <summary>Trainer → Coordinator: a checkpoint was written; NextStep is where a resume continues.</summary>
public sealed record CheckpointWritten(string Path, long NextStep) : IActorSslMessage;

/// <summary>Trainer → Coordinator: the training thread ended (Completed = all steps done; Error empty unless it failed).</summary>
public sealed record TrainingFinished(bool Completed, string Error) : IActorSslMessage;
