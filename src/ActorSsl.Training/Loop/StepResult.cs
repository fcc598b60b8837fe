namespace ActorSsl.Training.Loop;

/// <summary>What one optimisation step did.</summary>
public readonly record struct StepResult(long Step, int Epoch, int Samples, double Loss, double LearningRate, double Momentum, double StepMilliseconds);
