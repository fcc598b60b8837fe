namespace ActorSsl.Training.Methods;

/// <summary>VICReg hyper-parameters (defaults: the paper's 25/25/1 weights; a 3-layer expander narrowed for CPU).</summary>
public sealed record VicRegOptions
{
    /// <summary>λ, the weight of the invariance (mean squared error) term.</summary>
    public double InvarianceWeight { get; init; } = 25;

    /// <summary>μ, the weight of the variance (standard-deviation hinge) term.</summary>
    public double VarianceWeight { get; init; } = 25;

    /// <summary>ν, the weight of the covariance term.</summary>
    public double CovarianceWeight { get; init; } = 1;

    /// <summary>Width of the expander's two hidden layers (the paper: 8192).</summary>
    public int ProjectionHidden { get; init; } = 512;

    /// <summary>Output width of the expander (the paper: 8192).</summary>
    public int ProjectionDim { get; init; } = 512;

    public void Validate()
    {
        foreach (var (value, name) in new[] { (InvarianceWeight, "invariance"), (VarianceWeight, "variance"), (CovarianceWeight, "covariance") })
            if (!(value >= 0) || double.IsInfinity(value)) throw new ArgumentException($"{name} weight {value} must be finite and non-negative");
        if (ProjectionHidden <= 0 || ProjectionDim <= 0) throw new ArgumentException("projection widths must be positive");
    }
}
