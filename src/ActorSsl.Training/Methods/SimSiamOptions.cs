namespace ActorSsl.Training.Methods;

/// <summary>SimSiam hyper-parameters (defaults: the paper's CIFAR shapes narrowed for CPU; the predictor a bottleneck).</summary>
public sealed record SimSiamOptions
{
    /// <summary>Hidden width of the projector (the paper: 2048).</summary>
    public int ProjectionHidden { get; init; } = 256;

    /// <summary>Output width of the projector and the predictor (the paper: 2048).</summary>
    public int ProjectionDim { get; init; } = 256;

    /// <summary>Hidden width of the predictor, a bottleneck of a quarter of the output (the paper: 512).</summary>
    public int PredictorHidden { get; init; } = 64;

    /// <summary>
    /// Keeps the predictor at the base learning rate while the rest follows the schedule (the paper's setting,
    /// <c>--fix-pred-lr</c> in its code: a predictor that keeps adapting to the latest representation).
    /// </summary>
    public bool FixedPredictorLearningRate { get; init; }

    public void Validate()
    {
        if (ProjectionHidden <= 0 || ProjectionDim <= 0 || PredictorHidden <= 0) throw new ArgumentException("projector and predictor widths must be positive");
    }
}
