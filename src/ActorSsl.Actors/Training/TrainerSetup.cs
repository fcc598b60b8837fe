using ActorSsl.Training.Loop;

namespace ActorSsl.Actors.Training;

/// <summary>What the trainer needs: the session options, the loop's checkpoint/eval policy and an evaluation hook.</summary>
/// <param name="Evaluate">Runs on the training thread at epoch ends (kNN monitor); returns top-1 % or null.</param>
public sealed record TrainerSetup(TrainingOptions Options, TrainingLoopOptions Loop, Func<TrainingSession, int, double?>? Evaluate);
