namespace ActorSsl.Training.Methods;

/// <summary>SimCLR hyper-parameters (defaults: a CPU-sized head; τ = 0.5 as the paper's CIFAR-10 runs).</summary>
public sealed record SimClrOptions
{
    /// <summary>τ of NT-Xent.</summary>
    public double Temperature { get; init; } = 0.5;

    /// <summary>Hidden width of the projection MLP.</summary>
    public int ProjectionHidden { get; init; } = 128;

    /// <summary>Output width of the projection MLP.</summary>
    public int ProjectionDim { get; init; } = 64;

    public void Validate()
    {
        if (!(Temperature > 0) || double.IsInfinity(Temperature)) throw new ArgumentException($"temperature {Temperature} must be positive");
        if (ProjectionHidden <= 0 || ProjectionDim <= 0) throw new ArgumentException("projection widths must be positive");
    }
}
