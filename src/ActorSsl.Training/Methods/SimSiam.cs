using ActorSsl.Training.Checkpoints;
using ActorSsl.Training.Losses;
using ActorSsl.Training.Loop;
using ActorSsl.Training.Models;
using TorchSharp;
using static TorchSharp.torch;

namespace ActorSsl.Training.Methods;

/// <summary>
/// SimSiam (Chen and He 2021): one encoder with a BN projector embeds both views, a bottleneck predictor maps each
/// projection to a prediction of the other's; negative cosine with the stop-gradient on the projections
/// (<see cref="SimSiamLoss"/>). No EMA target, no negatives.
/// </summary>
public sealed class SimSiam : SslMethod
{
    /// <summary>Names the predictor's parameters and checkpoint tensors.</summary>
    private const string PredictorPrefix = "predictor.";

    public SimSiam(EncoderWithHead online, PredictionHead predictor, SimSiamOptions options) : base(online)
    {
        options.Validate();
        Predictor = predictor;
        Options = options;
    }

    public static SimSiam Create(TrainingOptions options, Device device)
    {
        var simSiam = options.SimSiam;
        var backbone = BackboneFactory.Create(options.Backbone, options.InChannels, options.Widths);
        // The paper's CIFAR projector: two layers, BN on the output as well.
        var projector = new BatchNormMlp(backbone.FeatureDim, new[] { simSiam.ProjectionHidden }, simSiam.ProjectionDim, outputBatchNorm: true);
        var online = new EncoderWithHead(backbone, projector);
        online.to(device);
        var predictor = new PredictionHead(simSiam.ProjectionDim, simSiam.PredictorHidden);
        predictor.to(device);
        return new SimSiam(online, predictor, simSiam);
    }

    public override string Name => "simsiam";
    public PredictionHead Predictor { get; }
    public SimSiamOptions Options { get; }

    public override IEnumerable<(string Name, Tensor Parameter)> TrainableParameters() =>
        base.TrainableParameters().Concat(Predictor.named_parameters().Select(p => (PredictorPrefix + p.name, (Tensor)p.parameter)));

    /// <summary>The paper's fixed predictor learning rate (<c>--fix-pred-lr</c> in its code): the predictor keeps the base rate.</summary>
    public override bool UsesFixedLearningRate(string parameterName) =>
        Options.FixedPredictorLearningRate && parameterName.StartsWith(PredictorPrefix, StringComparison.Ordinal);

    public override void Train()
    {
        Online.train();
        Predictor.train();
    }

    public override Tensor Loss(Tensor view1, Tensor view2, double momentum)
    {
        using var z1 = Online.call(view1);
        using var z2 = Online.call(view2);
        using var p1 = Predictor.call(z1);
        using var p2 = Predictor.call(z2);
        return SimSiamLoss.Symmetric(p1, z2, p2, z1);
    }

    public override IEnumerable<(string Name, Tensor Tensor)> State() =>
        Prefixed(Online, "online.").Concat(Prefixed(Predictor, PredictorPrefix));

    public override void LoadState(IReadOnlyDictionary<string, Tensor> tensors, CheckpointMetadata metadata, string path)
    {
        LoadModule(Online, tensors, "online.", path);
        LoadModule(Predictor, tensors, PredictorPrefix, path);
    }

    protected override void DisposeOwn() => Predictor.Dispose();
}
