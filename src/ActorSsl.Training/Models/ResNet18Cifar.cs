using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace ActorSsl.Training.Models;

/// <summary>
/// torchvision ResNet-18 ([2, 2, 2, 2] basic blocks, widths 64–512) with the CIFAR stem used by SimCLR/MoCo CIFAR
/// recipes: a 3×3 stride-1 conv and no max-pool, because the ImageNet stem would shrink 32 px images to 8 px at once.
/// No fc: outputs 512-d pooled features.
/// </summary>
public sealed class ResNet18Cifar : Backbone
{
    private readonly MixedPrecisionConv2d conv1;
    private readonly SafeBatchNorm bn1;
    private readonly Sequential layer1;
    private readonly Sequential layer2;
    private readonly Sequential layer3;
    private readonly Sequential layer4;

    /// <param name="inChannels">Image channels.</param>
    public ResNet18Cifar(int inChannels) : base(nameof(ResNet18Cifar))
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(inChannels, 1);
        conv1 = new MixedPrecisionConv2d(inChannels, 64, 3, stride: 1, padding: 1);
        bn1 = SafeBatchNorm.TwoD(64);
        layer1 = ResNetLayers.BasicStage(64, 64, blocks: 2, stride: 1);
        layer2 = ResNetLayers.BasicStage(64, 128, blocks: 2, stride: 2);
        layer3 = ResNetLayers.BasicStage(128, 256, blocks: 2, stride: 2);
        layer4 = ResNetLayers.BasicStage(256, 512, blocks: 2, stride: 2);
        RegisterComponents();
        ResNetLayers.InitWeights(this);
    }

    /// <inheritdoc />
    public override int FeatureDim => 512 * BasicBlock.Expansion;

    /// <inheritdoc />
    public override Tensor forward(Tensor input)
    {
        using var c = conv1.call(input);
        var x = bn1.call(c).relu_();
        using var features = ResNetLayers.RunStages(x, [layer1, layer2, layer3, layer4]);
        return ResNetLayers.PoolFeatures(features, conv1.weight.dtype);
    }
}
