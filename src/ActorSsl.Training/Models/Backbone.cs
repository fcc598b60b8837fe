using TorchSharp;
using static TorchSharp.torch;

namespace ActorSsl.Training.Models;

/// <summary>
/// A feature extractor: images [B, C, H, W] in, pooled features [B, <see cref="FeatureDim"/>] out.
/// Training code sizes the projection head from <see cref="FeatureDim"/> instead of knowing each architecture.
/// </summary>
public abstract class Backbone : nn.Module<Tensor, Tensor>
{
    /// <param name="name">Module name, as TorchSharp reports it.</param>
    protected Backbone(string name) : base(name)
    {
    }

    /// <summary>Width of the flattened feature vector that <c>forward</c> returns.</summary>
    public abstract int FeatureDim { get; }
}
