using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace ActorSsl.Training.Models;

/// <summary>
/// A bias-free 2-D convolution (what every ResNet conv here is) that follows <see cref="MixedPrecision"/>: in full
/// precision it is exactly TorchSharp's <c>Conv2d</c> (same libtorch call, same initial weights from the same random
/// draws, same state_dict key <c>weight</c>); inside a bfloat16 scope it convolves a bfloat16 cast of its input and of
/// its float32 weight, and returns bfloat16. Inside a <see cref="ChannelsLast"/> scope its input and output are
/// channels-last (converted when they are not), so the backbone's activations are.
/// </summary>
public sealed class MixedPrecisionConv2d : Module<Tensor, Tensor>
{
    private readonly long[] _stride;
    private readonly long[] _padding;
    private readonly long[] _dilation = [1];

    /// <param name="inChannels">Input channels.</param>
    /// <param name="outChannels">Output channels.</param>
    /// <param name="kernelSize">Square kernel size.</param>
    /// <param name="stride">Stride in both dimensions.</param>
    /// <param name="padding">Zero padding on every side.</param>
    public MixedPrecisionConv2d(long inChannels, long outChannels, long kernelSize, long stride = 1, long padding = 0) : base("Conv2d")
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(inChannels, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(outChannels, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(kernelSize, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(stride, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(padding, 0);
        InChannels = inChannels;
        OutChannels = outChannels;
        KernelSize = kernelSize;
        _stride = [stride];
        _padding = [padding];
        // libtorch's Conv2d initialises its weight (kaiming_uniform, a = √5) from the global generator; taking it from
        // one keeps every later random draw, and so every run's initial weights, exactly as with TorchSharp's module.
        using var template = Conv2d(inChannels, outChannels, kernelSize, stride: stride, padding: padding, bias: false);
        using var initial = template.weight!;
        weight = new Parameter(initial.detach().clone());
    }

    public long InChannels { get; }
    public long OutChannels { get; }
    public long KernelSize { get; }

    // A property named as registered whose setter (re)registers: Module.to(device|dtype) hands the moved tensor to it.
    private Parameter _weight = null!;

    /// <summary>The kernel [out, in, k, k], in the module's (full-precision) type.</summary>
    public Parameter weight
    {
        get => _weight;
        private set
        {
            if (_weight is not null && !ReferenceEquals(_weight, value)) _weight.Dispose();
            _weight = value;
            ConditionallyRegisterParameter(nameof(weight), value);
        }
    }

    /// <inheritdoc />
    public override Tensor forward(Tensor input)
    {
        if (!ChannelsLast.Active) return Convolve(input);
        var laidOut = ChannelsLast.Ensure(input);
        using var converted = ReferenceEquals(laidOut, input) ? null : laidOut;
        var output = Convolve(laidOut);
        // oneDNN returns channels-last for a channels-last input; a one-channel input (NCHW to libtorch) gives NCHW.
        var result = ChannelsLast.Ensure(output);
        if (!ReferenceEquals(result, output)) output.Dispose();
        return result;
    }

    private Tensor Convolve(Tensor input)
    {
        if (MixedPrecision.ComputeType is not { } compute || !input.is_floating_point())
            return functional.conv2d(input, weight, null, _stride, _padding, _dilation, 1);
        using var castInput = input.dtype == compute ? null : input.to_type(compute);
        using var castWeight = weight.to_type(compute);
        return functional.conv2d(castInput ?? input, castWeight, null, _stride, _padding, _dilation, 1);
    }
}
