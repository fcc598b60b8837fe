using ActorSsl.Training.Losses;
using ActorSsl.Training.Loop;
using ActorSsl.Training.Models;
using TorchSharp;
using static TorchSharp.torch;

namespace ActorSsl.Training.Methods;

/// <summary>
/// VICReg (Bardes et al. 2022): one encoder with a 3-layer BN expander embeds both views; invariance, variance and
/// covariance terms weighted λ/μ/ν (<see cref="VicRegLoss"/>).
/// </summary>
public sealed class VicReg : SslMethod
{
    private readonly VicRegLoss _loss;

    public VicReg(EncoderWithHead online, VicRegOptions options) : base(online)
    {
        options.Validate();
        Options = options;
        _loss = new VicRegLoss(options.InvarianceWeight, options.VarianceWeight, options.CovarianceWeight);
    }

    public static VicReg Create(TrainingOptions options, Device device)
    {
        var vicReg = options.VicReg;
        var backbone = BackboneFactory.Create(options.Backbone, options.InChannels, options.Widths);
        var expander = new BatchNormMlp(backbone.FeatureDim, new[] { vicReg.ProjectionHidden, vicReg.ProjectionHidden }, vicReg.ProjectionDim);
        var online = new EncoderWithHead(backbone, expander);
        online.to(device);
        return new VicReg(online, vicReg);
    }

    public override string Name => "vicreg";
    public VicRegOptions Options { get; }

    public override Tensor Loss(Tensor view1, Tensor view2, double momentum)
    {
        using var z1 = Online.call(view1);
        using var z2 = Online.call(view2);
        // The three unweighted terms stay in the step's dispose scope; only the total is back-propagated.
        return _loss.Loss(z1, z2).Total;
    }

    protected override void DisposeOwn() => _loss.Dispose();
}
