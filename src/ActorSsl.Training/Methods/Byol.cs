using ActorSsl.Training.Checkpoints;
using ActorSsl.Training.Losses;
using ActorSsl.Training.Loop;
using ActorSsl.Training.Models;
using ActorSsl.Training.Schedules;
using TorchSharp;
using static TorchSharp.torch;

namespace ActorSsl.Training.Methods;

/// <summary>
/// BYOL (Grill et al. 2020): the online branch (encoder, projector, predictor) predicts the EMA target's projection
/// of the other view; symmetric loss, both views through both branches. The target follows the online encoder with
/// a momentum that rises from <see cref="ByolOptions.MomentumStart"/> to <see cref="ByolOptions.MomentumEnd"/> on a
/// cosine, updated after each optimizer step.
/// </summary>
public sealed class Byol : SslMethod
{
    public Byol(EncoderWithHead online, PredictionHead predictor, EmaTargetEncoder target, ByolOptions options, MomentumSchedule momentum) : base(online)
    {
        options.Validate();
        Predictor = predictor;
        Target = target;
        Options = options;
        Momentum = momentum;
    }

    public static Byol Create(TrainingOptions options, Device device)
    {
        var byol = options.Byol;
        var online = BuildEncoder(options);
        online.to(device);
        var predictor = new PredictionHead(byol.ProjectionDim, byol.PredictorHidden);
        predictor.to(device);
        var targetModule = BuildEncoder(options);
        targetModule.to(device);
        var target = new EmaTargetEncoder(targetModule, online);
        var momentum = new MomentumSchedule(byol.MomentumStart, byol.MomentumEnd, options.TotalSteps, true);
        return new Byol(online, predictor, target, byol, momentum);
    }

    private static EncoderWithHead BuildEncoder(TrainingOptions options)
    {
        var backbone = BackboneFactory.Create(options.Backbone, options.InChannels, options.Widths);
        var projector = new BatchNormMlp(backbone.FeatureDim, new[] { options.Byol.ProjectionHidden }, options.Byol.ProjectionDim);
        return new EncoderWithHead(backbone, projector);
    }

    public override string Name => "byol";
    public PredictionHead Predictor { get; }
    public override EmaTargetEncoder Target { get; }
    public override MomentumSchedule Momentum { get; }
    public ByolOptions Options { get; }

    public override IEnumerable<(string Name, Tensor Parameter)> TrainableParameters() =>
        base.TrainableParameters().Concat(Predictor.named_parameters().Select(p => ("predictor." + p.name, (Tensor)p.parameter)));

    public override void Train()
    {
        Online.train();
        Predictor.train();
        Target.Module.train();
    }

    public override Tensor Loss(Tensor view1, Tensor view2, double momentum)
    {
        using var z1 = Online.call(view1);
        using var z2 = Online.call(view2);
        using var p1 = Predictor.call(z1);
        using var p2 = Predictor.call(z2);
        Tensor t1, t2;
        using (torch.no_grad())
        {
            t1 = Target.Module.call(view1);
            t2 = Target.Module.call(view2);
        }
        using (t1)
        using (t2)
            return ByolLoss.Symmetric(p1, t2, p2, t1);
    }

    /// <summary>ξ ← τξ + (1 − τ)θ after the online step, as in the paper.</summary>
    public override void AfterStep(double momentum) => Target.Update(momentum);

    public override IEnumerable<(string Name, Tensor Tensor)> State() =>
        Prefixed(Online, "online.").Concat(Prefixed(Predictor, "predictor.")).Concat(Prefixed(Target.Module, "target."));

    public override void LoadState(IReadOnlyDictionary<string, Tensor> tensors, CheckpointMetadata metadata, string path)
    {
        LoadModule(Online, tensors, "online.", path);
        LoadModule(Predictor, tensors, "predictor.", path);
        LoadModule(Target.Module, tensors, "target.", path);
    }

    protected override void DisposeOwn() => Predictor.Dispose();
}
