using static TorchSharp.torch;

namespace ActorSsl.Training.Models;

/// <summary>
/// The channels-last (NHWC) memory format for a backbone's activations, PyTorch's <c>torch.channels_last</c>.
/// TorchSharp 0.107 has no memory-format argument, but a [B,C,H,W] tensor whose strides are those of an NHWC array
/// is the same thing to libtorch: given one, oneDNN convolves it without reordering to and from its blocked layout,
/// returns NHWC, and batch norm, ReLU and residual adds keep it, forward and backward. Inside <see cref="Enter"/> on a
/// thread every <see cref="MixedPrecisionConv2d"/> makes sure of it (<see cref="Ensure"/> on its input and its
/// output), so a backbone's activations are channels-last from the first convolution on, whatever the images'
/// layout and channel count. Weights keep their layout; results are the same up to floating-point summation order.
/// </summary>
/// <remarks>Thread-local, like <see cref="MixedPrecision"/>: the training thread enters it around a step's forward passes.</remarks>
public static class ChannelsLast
{
    [ThreadStatic] private static bool _active;

    /// <summary>The configuration values of <c>actorssl.train.memory-format</c>.</summary>
    public static readonly string[] Modes = ["auto", "channels-last", "contiguous"];

    /// <summary>Whether this thread's convolutions lay their activations out channels-last.</summary>
    public static bool Active => _active;

    /// <summary>
    /// Whether a run lays its activations out channels-last. "channels-last" and "contiguous" are taken as said;
    /// "auto" picks channels-last where it was measured faster: on the CPU with oneDNN. On CUDA it is left to the
    /// user (PyTorch's advice there depends on the GPU and precision), and libtorch's own CPU kernels were not measured.
    /// </summary>
    public static bool Decide(string mode, bool cpu, bool oneDnn) => mode switch
    {
        "channels-last" => true,
        "contiguous" => false,
        "auto" => cpu && oneDnn,
        _ => throw new ArgumentException($"memory format '{mode}' must be one of {string.Join(", ", Modes)}", nameof(mode)),
    };

    /// <summary>The name a report gives the layout: "channels-last" or "contiguous".</summary>
    public static string Name(bool channelsLast) => channelsLast ? "channels-last" : "contiguous";

    /// <summary>Lays this thread's activations out channels-last (or not) until the returned scope is disposed.</summary>
    public static Scope Enter(bool channelsLast)
    {
        var previous = _active;
        _active = channelsLast;
        return new Scope(previous);
    }

    /// <summary>Restores the thread's previous setting when disposed.</summary>
    public readonly struct Scope : IDisposable
    {
        private readonly bool _previous;

        internal Scope(bool previous) => _previous = previous;

        public void Dispose() => _active = _previous;
    }

    /// <summary>
    /// <paramref name="maps"/> itself when it is already channels-last, or has one channel (NCHW and NHWC are then the
    /// same array, and libtorch treats it as NCHW), or is not [B,C,H,W]; otherwise a channels-last copy
    /// (<see cref="From"/>). The caller owns whichever is returned only if it differs from <paramref name="maps"/>.
    /// </summary>
    public static Tensor Ensure(Tensor maps) => maps.dim() != 4 || maps.shape[1] == 1 || Is(maps) ? maps : From(maps);

    /// <summary>
    /// A new [B,C,H,W] tensor with the values of <paramref name="maps"/> and NHWC strides (C is the fastest-moving
    /// dimension). Shape, dtype and device are unchanged; differentiable.
    /// </summary>
    public static Tensor From(Tensor maps)
    {
        ArgumentNullException.ThrowIfNull(maps);
        if (maps.dim() != 4)
            throw new ArgumentException($"channels-last needs a [B,C,H,W] tensor, not [{string.Join(",", maps.shape)}]", nameof(maps));
        using var nhwc = maps.permute(0, 2, 3, 1).contiguous();
        return nhwc.permute(0, 3, 1, 2);
    }

    /// <summary>True when <paramref name="maps"/> ([B,C,H,W]) is laid out densely as NHWC.</summary>
    public static bool Is(Tensor maps)
    {
        ArgumentNullException.ThrowIfNull(maps);
        if (maps.dim() != 4) return false;
        var (c, h, w) = (maps.shape[1], maps.shape[2], maps.shape[3]);
        return maps.stride(1) == 1 && maps.stride(3) == c && maps.stride(2) == w * c && maps.stride(0) == h * w * c;
    }
}
