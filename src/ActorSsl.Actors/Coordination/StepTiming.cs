namespace ActorSsl.Actors.Coordination;

/// <summary>One training step as the training thread timed it: the step itself and the wait for its batch before it.</summary>
public readonly record struct StepTiming(long Step, double StepMilliseconds, double WaitMilliseconds);
