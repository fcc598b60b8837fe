using ActorSsl.Training.Evaluation;
using ActorSsl.Training.Models;
using ActorSsl.Training.Optim;
using ActorSsl.Data.Batches;
using TorchSharp;
using static TorchSharp.torch;

namespace ActorSsl.Training.Benchmarks;

/// <summary>
/// A plain supervised step (backbone → linear classifier → cross-entropy → SGD with momentum) on view 0 of a
/// batch: the workload PyTorch's own ResNet benchmarks time, used to compare raw step speed with a peer. With
/// precision "bf16" the backbone runs in bfloat16 mixed precision, as a run with <c>train.precision = bf16</c>; with
/// <c>channelsLast</c> its activations are channels-last, as a run with <c>train.memory-format = channels-last</c>.
/// </summary>
public sealed class PlainClassifierStep : IDisposable
{
    private readonly Backbone _backbone;
    private readonly nn.Module<Tensor, Tensor> _classifier;
    private readonly SgdMomentum _optimizer;
    private readonly ImageNormalization _normalization;
    private readonly Device _device;
    private readonly Tensor _labels;
    private readonly ScalarType? _computeType;
    private readonly bool _channelsLast;

    public PlainClassifierStep(string backbone, int inChannels, int classes, int batchSize, Device device, int[]? widths = null, string precision = "fp32",
        bool channelsLast = false)
    {
        _device = device;
        _channelsLast = channelsLast;
        _computeType = MixedPrecision.Parse(precision);
        _backbone = BackboneFactory.Create(backbone, inChannels, widths);
        _classifier = nn.Linear(_backbone.FeatureDim, classes);
        _backbone.to(device);
        _classifier.to(device);
        var parameters = _backbone.named_parameters().Select(p => ("backbone." + p.name, (Tensor)p.parameter))
            .Concat(_classifier.named_parameters().Select(p => ("classifier." + p.name, (Tensor)p.parameter)));
        _optimizer = new SgdMomentum(parameters, 0.9, 5e-4);
        _normalization = inChannels == 1 ? ImageNormalization.FashionMnist : ImageNormalization.ImageNet;
        _labels = torch.arange(batchSize, ScalarType.Int64, device: device).remainder_(classes).DetachFromDisposeScope();
    }

    /// <summary>One step on view 0 of <paramref name="batch"/>; returns the loss.</summary>
    public double Step(Batch batch, double learningRate)
    {
        using var scope = torch.NewDisposeScope();
        _backbone.train();
        _optimizer.ZeroGrad();
        using var bytes = torch.empty(new long[] { batch.Count, batch.Channels, batch.Size, batch.Size }, ScalarType.Byte);
        batch.View(0).CopyTo(bytes.bytes);
        var input = _normalization.Apply(bytes, _device);
        Tensor features;
        using (MixedPrecision.Enter(_computeType))
        using (ChannelsLast.Enter(_channelsLast))
            features = _backbone.call(input);
        var logits = _classifier.call(features);
        var loss = nn.functional.cross_entropy(logits, _labels);
        var value = loss.item<float>();
        loss.backward();
        _optimizer.Step(learningRate);
        return value;
    }

    public void Dispose()
    {
        _optimizer.Dispose();
        _labels.Dispose();
        _classifier.Dispose();
        _backbone.Dispose();
    }
}
