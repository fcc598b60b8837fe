using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace ActorSsl.Training.Models;

/// <summary>
/// torchvision ResNet-50 for ImageNet-sized inputs: 7×7 stride-2 stem + 3×3 stride-2 max-pool, [3, 4, 6, 3]
/// bottlenecks (widths 64–512, ×4 expansion). No fc: outputs 2048-d pooled features.
/// </summary>
public sealed class ResNet50 : Backbone
{
    private readonly MixedPrecisionConv2d conv1;
    private readonly SafeBatchNorm bn1;
    private readonly MaxPool2d maxpool;
    private readonly Sequential layer1;
    private readonly Sequential layer2;
    private readonly Sequential layer3;
    private readonly Sequential layer4;

    /// <param name="inChannels">Image channels.</param>
    public ResNet50(int inChannels) : base(nameof(ResNet50))
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(inChannels, 1);
        conv1 = new MixedPrecisionConv2d(inChannels, 64, 7, stride: 2, padding: 3);
        bn1 = SafeBatchNorm.TwoD(64);
        maxpool = MaxPool2d(3, stride: 2, padding: 1);
        layer1 = ResNetLayers.BottleneckStage(64, 64, blocks: 3, stride: 1);
        layer2 = ResNetLayers.BottleneckStage(256, 128, blocks: 4, stride: 2);
        layer3 = ResNetLayers.BottleneckStage(512, 256, blocks: 6, stride: 2);
        layer4 = ResNetLayers.BottleneckStage(1024, 512, blocks: 3, stride: 2);
        RegisterComponents();
        ResNetLayers.InitWeights(this);
    }

    /// <inheritdoc />
    public override int FeatureDim => 512 * Bottleneck.Expansion;

    /// <inheritdoc />
    public override Tensor forward(Tensor input)
    {
        using var c = conv1.call(input);
        using var h = bn1.call(c).relu_();
        var x = maxpool.call(h);
        using var features = ResNetLayers.RunStages(x, [layer1, layer2, layer3, layer4]);
        return ResNetLayers.PoolFeatures(features, conv1.weight.dtype);
    }
}
