namespace ActorSsl.Training.Evaluation;

/// <summary>
/// Hyper-parameters of <see cref="LinearProbe"/>. The defaults (Adam, lr 1e-3, 30 epochs of 256) fit a logistic
/// regression on standardised features to convergence for splits of tens of thousands of rows.
/// </summary>
/// <param name="Epochs">Passes over the train split.</param>
/// <param name="BatchSize">Rows per Adam step.</param>
/// <param name="LearningRate">Adam learning rate.</param>
/// <param name="WeightDecay">L2 penalty (Adam's coupled weight decay); 0 = plain logistic regression.</param>
/// <param name="Seed">Seeds the mini-batch order: same seed and inputs, same result.</param>
/// <param name="IntraOpThreads">
/// libtorch intra-op threads while the probe runs (restored afterwards; null leaves the setting alone). Default 1: the
/// probe is thousands of tiny ops (a 256×128 by 128×10 product) where handing work to a second thread costs more than
/// the op itself. Measured on 2 shared, busy cores for 60k×128 features, 30 epochs: 2.5–3 s with 1 thread, 30–80 s with 2.
/// </param>
public sealed record LinearProbeOptions(
    int Epochs = 30,
    int BatchSize = 256,
    double LearningRate = 1e-3,
    double WeightDecay = 0,
    long Seed = 0,
    int? IntraOpThreads = 1)
{
    internal void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(Epochs, 1, nameof(Epochs));
        ArgumentOutOfRangeException.ThrowIfLessThan(BatchSize, 1, nameof(BatchSize));
        if (!(LearningRate > 0) || double.IsInfinity(LearningRate))
            throw new ArgumentOutOfRangeException(nameof(LearningRate), LearningRate, "learning rate must be finite and positive");
        if (!(WeightDecay >= 0) || double.IsInfinity(WeightDecay))
            throw new ArgumentOutOfRangeException(nameof(WeightDecay), WeightDecay, "weight decay must be finite and non-negative");
        if (IntraOpThreads is < 1)
            throw new ArgumentOutOfRangeException(nameof(IntraOpThreads), IntraOpThreads, "intra-op threads must be at least 1 (or null)");
    }
}
