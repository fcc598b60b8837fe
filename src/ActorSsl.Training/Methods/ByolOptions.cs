namespace ActorSsl.Training.Methods;

/// <summary>BYOL hyper-parameters (defaults: the paper's shapes scaled down for CPU; momentum 0.99 → 1 on a cosine).</summary>
public sealed record ByolOptions
{
    /// <summary>Hidden width of the projector (the paper: 4096).</summary>
    public int ProjectionHidden { get; init; } = 256;

    /// <summary>Output width of the projector and the predictor (the paper: 256).</summary>
    public int ProjectionDim { get; init; } = 64;

    /// <summary>Hidden width of the predictor (the paper: 4096).</summary>
    public int PredictorHidden { get; init; } = 256;

    /// <summary>EMA momentum τ at step 0 (the paper: 0.996 at batch 4096; 0.99 suits short, small-batch runs).</summary>
    public double MomentumStart { get; init; } = 0.99;

    /// <summary>EMA momentum τ at the last step (cosine increase).</summary>
    public double MomentumEnd { get; init; } = 1.0;

    public void Validate()
    {
        if (ProjectionHidden <= 0 || ProjectionDim <= 0 || PredictorHidden <= 0) throw new ArgumentException("projector and predictor widths must be positive");
        if (!(MomentumStart >= 0 && MomentumStart <= 1)) throw new ArgumentException($"momentum start {MomentumStart} must be in [0, 1]");
        if (!(MomentumEnd >= MomentumStart && MomentumEnd <= 1)) throw new ArgumentException($"momentum end {MomentumEnd} must be in [momentum start, 1]");
    }
}
