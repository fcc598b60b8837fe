using ActorSsl.Training.Losses;
using ActorSsl.Training.Loop;
using ActorSsl.Training.Models;
using TorchSharp;
using static TorchSharp.torch;

namespace ActorSsl.Training.Methods;

/// <summary>
/// Barlow Twins (Zbontar et al. 2021): one encoder with a 3-layer BN projector embeds both views; the loss drives
/// the cross-correlation of the two views' standardised embeddings towards the identity (<see cref="BarlowTwinsLoss"/>).
/// </summary>
public sealed class BarlowTwins : SslMethod
{
    private readonly BarlowTwinsLoss _loss;

    public BarlowTwins(EncoderWithHead online, BarlowTwinsOptions options) : base(online)
    {
        options.Validate();
        Options = options;
        _loss = new BarlowTwinsLoss(options.Lambda);
    }

    public static BarlowTwins Create(TrainingOptions options, Device device)
    {
        var barlow = options.BarlowTwins;
        var backbone = BackboneFactory.Create(options.Backbone, options.InChannels, options.Widths);
        var projector = new BatchNormMlp(backbone.FeatureDim, new[] { barlow.ProjectionHidden, barlow.ProjectionHidden }, barlow.ProjectionDim);
        var online = new EncoderWithHead(backbone, projector);
        online.to(device);
        return new BarlowTwins(online, barlow);
    }

    public override string Name => "barlowtwins";
    public BarlowTwinsOptions Options { get; }

    public override Tensor Loss(Tensor view1, Tensor view2, double momentum)
    {
        using var z1 = Online.call(view1);
        using var z2 = Online.call(view2);
        return _loss.Loss(z1, z2);
    }

    protected override void DisposeOwn() => _loss.Dispose();
}
