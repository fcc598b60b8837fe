using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace ActorSsl.Training.Models;

/// <summary>
/// torchvision's ResNet basic block: 3×3 conv → BN → ReLU → 3×3 conv → BN, plus the shortcut, then ReLU.
/// The shortcut is a 1×1 conv + BN projection when the stride or channel count changes, identity otherwise.
/// </summary>
/// <remarks>
/// Convolutions have no bias because the following BN would cancel it. Field names follow torchvision
/// (<c>conv1</c>, <c>bn1</c>, …, <c>downsample.0/1</c>) so state_dict keys line up with PyTorch checkpoints.
/// </remarks>
public sealed class BasicBlock : Module<Tensor, Tensor>
{
    /// <summary>Output channels per unit of block width (1: the block outputs <c>width</c> channels).</summary>
    public const int Expansion = 1;

    private readonly MixedPrecisionConv2d conv1;
    private readonly SafeBatchNorm bn1;
    private readonly MixedPrecisionConv2d conv2;
    private readonly SafeBatchNorm bn2;
    private readonly Sequential? downsample;

    // Tensor + Tensor in TorchSharp 0.107 allocates a hidden Scalar alpha = 1 that only the GC frees; reuse one.
    private readonly Scalar one = 1.ToScalar();

    /// <param name="inChannels">Input channels.</param>
    /// <param name="width">Output channels.</param>
    /// <param name="stride">Stride of the first 3×3 conv (and of the projection shortcut).</param>
    public BasicBlock(int inChannels, int width, int stride = 1) : base(nameof(BasicBlock))
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(inChannels, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(stride, 1);

        conv1 = new MixedPrecisionConv2d(inChannels, width, 3, stride: stride, padding: 1);
        bn1 = SafeBatchNorm.TwoD(width);
        conv2 = new MixedPrecisionConv2d(width, width, 3, stride: 1, padding: 1);
        bn2 = SafeBatchNorm.TwoD(width);
        if (stride != 1 || inChannels != width * Expansion)
            downsample = Sequential(new MixedPrecisionConv2d(inChannels, width * Expansion, 1, stride: stride), SafeBatchNorm.TwoD(width * Expansion));
        RegisterComponents();
    }

    /// <inheritdoc />
    public override Tensor forward(Tensor input)
    {
        // Intermediates are disposed eagerly (autograd keeps what backward needs), so a block also runs
        // without a caller's dispose scope. ReLUs are in place, as in torchvision.
        using var c1 = conv1.call(input);
        using var h1 = bn1.call(c1);
        h1.relu_();
        using var c2 = conv2.call(h1);
        using var h2 = bn2.call(c2);
        using var projected = downsample?.call(input);
        var sum = h2.add(projected ?? input, one);
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
