namespace ActorSsl.Training.Methods;

/// <summary>MoCo v2 hyper-parameters (defaults: the Fashion-MNIST recipe of the reference run).</summary>
public sealed record MoCoV2Options
{
    /// <summary>K, the number of negative keys kept.</summary>
    public int QueueSize { get; init; } = 4096;

    /// <summary>τ of InfoNCE.</summary>
    public double Temperature { get; init; } = 0.2;

    /// <summary>Hidden width of the projection MLP.</summary>
    public int ProjectionHidden { get; init; } = 128;

    /// <summary>Output width of the projection MLP (the key dimension D).</summary>
    public int ProjectionDim { get; init; } = 64;

    public void Validate()
    {
        if (QueueSize <= 0) throw new ArgumentException($"queue size {QueueSize} must be positive");
        if (!(Temperature > 0)) throw new ArgumentException($"temperature {Temperature} must be positive");
        if (ProjectionHidden <= 0 || ProjectionDim <= 0) throw new ArgumentException("projection widths must be positive");
    }
}
