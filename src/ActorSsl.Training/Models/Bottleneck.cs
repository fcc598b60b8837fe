using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace ActorSsl.Training.Models;

/// <summary>
/// torchvision's ResNet bottleneck (v1.5: the stride sits on the 3×3 conv): 1×1 reduce → 3×3 → 1×1 expand
/// to <c>width · 4</c> channels, each followed by BN, ReLU after all but the last; then shortcut add and ReLU.
/// The shortcut is a 1×1 conv + BN projection when the stride or channel count changes.
/// </summary>
/// <remarks>Convolutions have no bias (BN follows). Field names follow torchvision for state_dict compatibility.</remarks>
public sealed class Bottleneck : Module<Tensor, Tensor>
{
    /// <summary>Output channels per unit of block width: the block outputs <c>4 · width</c> channels.</summary>
    public const int Expansion = 4;

    private readonly MixedPrecisionConv2d conv1;
    private readonly SafeBatchNorm bn1;
    private readonly MixedPrecisionConv2d conv2;
    private readonly SafeBatchNorm bn2;
    private readonly MixedPrecisionConv2d conv3;
    private readonly SafeBatchNorm bn3;
    private readonly Sequential? downsample;

    // Tensor + Tensor in TorchSharp 0.107 allocates a hidden Scalar alpha = 1 that only the GC frees; reuse one.
    private readonly Scalar one = 1.ToScalar();

    /// <param name="inChannels">Input channels.</param>
    /// <param name="width">Inner width; the block outputs <c>width · <see cref="Expansion"/></c> channels.</param>
    /// <param name="stride">Stride of the 3×3 conv (and of the projection shortcut).</param>
    public Bottleneck(int inChannels, int width, int stride = 1) : base(nameof(Bottleneck))
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(inChannels, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(stride, 1);

        var outChannels = width * Expansion;
        conv1 = new MixedPrecisionConv2d(inChannels, width, 1);
        bn1 = SafeBatchNorm.TwoD(width);
        conv2 = new MixedPrecisionConv2d(width, width, 3, stride: stride, padding: 1);
        bn2 = SafeBatchNorm.TwoD(width);
        conv3 = new MixedPrecisionConv2d(width, outChannels, 1);
        bn3 = SafeBatchNorm.TwoD(outChannels);
        if (stride != 1 || inChannels != outChannels)
            downsample = Sequential(new MixedPrecisionConv2d(inChannels, outChannels, 1, stride: stride), SafeBatchNorm.TwoD(outChannels));
        RegisterComponents();
    }

    /// <inheritdoc />
    public override Tensor forward(Tensor input)
    {
        // Same disposal discipline as BasicBlock: intermediates go now, autograd keeps what it needs.
        using var c1 = conv1.call(input);
        using var h1 = bn1.call(c1);
        h1.relu_();
        using var c2 = conv2.call(h1);
        using var h2 = bn2.call(c2);
        h2.relu_();
        using var c3 = conv3.call(h2);
        using var h3 = bn3.call(c3);
        using var projected = downsample?.call(input);
        var sum = h3.add(projected ?? input, one);
        return sum.relu_();
    }

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        if (disposing)
            one.Dispose();
        base.Dispose(disposing);
    }
}
