using ActorSsl.Training.Losses;
using ActorSsl.Training.Loop;
using ActorSsl.Training.Models;
using TorchSharp;
using static TorchSharp.torch;

namespace ActorSsl.Training.Methods;

/// <summary>
/// SimCLR (Chen et al. 2020): one encoder with a projection MLP embeds both views; NT-Xent over the 2N embeddings,
/// every other embedding of the batch a negative. No EMA target, no queue.
/// </summary>
public sealed class SimClr : SslMethod
{
    private readonly NtXent _loss;

    public SimClr(EncoderWithHead online, SimClrOptions options) : base(online)
    {
        options.Validate();
        Options = options;
        _loss = new NtXent(options.Temperature);
    }

    public static SimClr Create(TrainingOptions options, Device device)
    {
        var backbone = BackboneFactory.Create(options.Backbone, options.InChannels, options.Widths);
        var head = new ProjectionHead(backbone.FeatureDim, options.SimClr.ProjectionHidden, options.SimClr.ProjectionDim);
        var online = new EncoderWithHead(backbone, head);
        online.to(device);
        return new SimClr(online, options.SimClr);
    }

    public override string Name => "simclr";
    public SimClrOptions Options { get; }

    public override Tensor Loss(Tensor view1, Tensor view2, double momentum)
    {
        using var z1 = Online.call(view1);
        using var z2 = Online.call(view2);
        return _loss.Loss(z1, z2);
    }

    protected override void DisposeOwn() => _loss.Dispose();
}
