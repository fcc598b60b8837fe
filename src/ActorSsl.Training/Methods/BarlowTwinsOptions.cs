namespace ActorSsl.Training.Methods;

/// <summary>Barlow Twins hyper-parameters (defaults: λ = 5e-3 from the paper; a 3-layer projector narrowed for CPU).</summary>
public sealed record BarlowTwinsOptions
{
    /// <summary>λ, the weight of the redundancy-reduction (off-diagonal) term.</summary>
    public double Lambda { get; init; } = 5e-3;

    /// <summary>Width of the projector's two hidden layers (the paper: 8192).</summary>
    public int ProjectionHidden { get; init; } = 512;

    /// <summary>Output width of the projector (the paper: 8192).</summary>
    public int ProjectionDim { get; init; } = 512;

    public void Validate()
    {
        if (!(Lambda >= 0) || double.IsInfinity(Lambda)) throw new ArgumentException($"lambda {Lambda} must be finite and non-negative");
        if (ProjectionHidden <= 0 || ProjectionDim <= 0) throw new ArgumentException("projection widths must be positive");
    }
}
