using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace ActorSsl.Training.Models;

/// <summary>
/// Small ResNet for 28–32 px inputs, the PyTorch reference recipe's backbone: 3×3 stem conv (stride 1, no bias)
/// + BN + ReLU, then one stage per width of <c>blocksPerStage</c> basic blocks (strides 1, 2, 2, …), then global
/// average pooling. Defaults (widths 32, 64, 128; one block per stage) give 128-d features.
/// </summary>
/// <remarks>No max-pool: on 28 px images the stem keeps full resolution, the two stride-2 stages bring it to 7×7.</remarks>
public sealed class SmallResNet : Backbone
{
    /// <summary>The reference recipe's stage widths.</summary>
    public static IReadOnlyList<int> DefaultWidths { get; } = [32, 64, 128];

    private readonly MixedPrecisionConv2d conv1;
    private readonly SafeBatchNorm bn1;
    // An array because the stage count follows widths; registered by hand as layer1, layer2, … (torchvision names).
    private readonly Sequential[] stages;

    /// <param name="inChannels">Image channels (1 for Fashion-MNIST, 3 for RGB).</param>
    /// <param name="widths">Channels per stage; null for <see cref="DefaultWidths"/>. The last one is <see cref="FeatureDim"/>.</param>
    /// <param name="blocksPerStage">Basic blocks in each stage.</param>
    public SmallResNet(int inChannels, int[]? widths = null, int blocksPerStage = 1) : base(nameof(SmallResNet))
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(inChannels, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(blocksPerStage, 1);
        widths ??= [.. DefaultWidths];
        if (widths.Length == 0 || widths.Any(w => w < 1))
            throw new ArgumentException($"Widths must be one or more positive channel counts, got [{string.Join(", ", widths)}].", nameof(widths));

        FeatureDim = widths[^1] * BasicBlock.Expansion;
        conv1 = new MixedPrecisionConv2d(inChannels, widths[0], 3, stride: 1, padding: 1);
        bn1 = SafeBatchNorm.TwoD(widths[0]);
        stages = new Sequential[widths.Length];
        var channels = widths[0];
        for (var i = 0; i < widths.Length; i++)
        {
            stages[i] = ResNetLayers.BasicStage(channels, widths[i], blocksPerStage, stride: i == 0 ? 1 : 2);
            channels = widths[i] * BasicBlock.Expansion;
        }

        register_module(nameof(conv1), conv1);
        register_module(nameof(bn1), bn1);
        for (var i = 0; i < stages.Length; i++)
            register_module($"layer{i + 1}", stages[i]);
        RegisterComponents(); // conv1 and bn1 went first above, to keep torchvision's key order; this registers anything else.
        ResNetLayers.InitWeights(this);
    }

    /// <inheritdoc />
    public override int FeatureDim { get; }

    /// <inheritdoc />
    public override Tensor forward(Tensor input)
    {
        using var c = conv1.call(input);
        var x = bn1.call(c).relu_();
        using var features = ResNetLayers.RunStages(x, stages);
        return ResNetLayers.PoolFeatures(features, conv1.weight.dtype);
    }
}
