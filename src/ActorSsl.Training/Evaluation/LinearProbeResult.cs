namespace ActorSsl.Training.Evaluation;

/// <summary>Outcome of a <see cref="LinearProbe"/>: accuracies in percent, and the mean train cross-entropy after the last epoch.</summary>
/// <param name="TrainTop1">Fit on the split it was trained on; far above <paramref name="TestTop1"/> means overfitting.</param>
/// <param name="TestTop1">The reported number: accuracy on the held-out split.</param>
/// <param name="TrainLoss">Mean cross-entropy on the train split with the final weights.</param>
public sealed record LinearProbeResult(double TrainTop1, double TestTop1, double TrainLoss);
