using System.Collections.Concurrent;
using TorchSharp;
using static TorchSharp.torch;

namespace ActorSsl.Training.Evaluation;

/// <summary>
/// Per-channel normalisation of uint8 pixels: <c>(x / 255 - mean) / std</c>, done on the target device so
/// batches travel as bytes. Computed as <c>x · 1/(255·std) − mean/std</c> with two in-place tensor-tensor ops
/// against cached [1,C,1,1] constants: no per-call native <see cref="Scalar"/>s, no extra temporaries.
/// </summary>
/// <remarks>
/// Immutable and thread-safe. The constants are created once per device, detached from any dispose scope and
/// live as long as the instance (a few floats each), so the shared presets never need disposing.
/// </remarks>
public sealed class ImageNormalization
{
    private readonly float[] _mean;
    private readonly float[] _std;
    private readonly ConcurrentDictionary<(DeviceType, int), (Tensor Scale, Tensor Shift)> _constants = new();

    public ImageNormalization(float[] mean, float[] std)
    {
        ArgumentNullException.ThrowIfNull(mean);
        ArgumentNullException.ThrowIfNull(std);
        if (mean.Length is not (1 or 3) || std.Length != mean.Length)
            throw new ArgumentException($"mean and std must both have 1 or 3 entries, not {mean.Length} and {std.Length}");
        if (std.Any(s => !(s > 0) || float.IsInfinity(s)) || mean.Any(m => !float.IsFinite(m)))
            throw new ArgumentException($"std must be finite and positive and mean finite: mean [{string.Join(", ", mean)}], std [{string.Join(", ", std)}]");
        _mean = (float[])mean.Clone();
        _std = (float[])std.Clone();
    }

    /// <summary>Fashion-MNIST training-set statistics (one channel).</summary>
    public static ImageNormalization FashionMnist { get; } = new([0.2860f], [0.3530f]);

    /// <summary>The usual ImageNet RGB statistics.</summary>
    public static ImageNormalization ImageNet { get; } = new([0.485f, 0.456f, 0.406f], [0.229f, 0.224f, 0.225f]);

    public IReadOnlyList<float> Mean => _mean;
    public IReadOnlyList<float> Std => _std;
    public int Channels => _mean.Length;

    /// <summary>
    /// Normalises uint8 pixels <paramref name="pixels"/> ([C,H,W] or [B,C,H,W]) into a new float32 tensor of the
    /// same shape on <paramref name="device"/>. The input is never modified.
    /// </summary>
    public Tensor Apply(Tensor pixels, Device device)
    {
        ArgumentNullException.ThrowIfNull(pixels);
        ArgumentNullException.ThrowIfNull(device);
        if (pixels.dtype != ScalarType.Byte)
            throw new ArgumentException($"pixels must be uint8, not {pixels.dtype}", nameof(pixels));
        if (pixels.dim() is not (3 or 4))
            throw new ArgumentException($"pixels must be [C,H,W] or [B,C,H,W], not [{string.Join(",", pixels.shape)}]", nameof(pixels));
        var channels = pixels.shape[^3];
        if (channels != Channels)
            throw new ArgumentException($"pixels have {channels} channels but this normalisation has {Channels}", nameof(pixels));

        var (scale, shift) = ConstantsOn(device);
        var batched = pixels.dim() == 3;
        using var scope = NewDisposeScope();
        // The dtype change always copies (uint8 -> float32), so the in-place ops below touch only our tensor.
        var x = pixels.to(ScalarType.Float32, device);
        if (batched) x = x.unsqueeze(0);
        x.mul_(scale).sub_(shift);
        if (batched) x = x.squeeze(0);
        return x.MoveToOuterDisposeScope();
    }

    public override string ToString() => $"mean [{string.Join(", ", _mean)}], std [{string.Join(", ", _std)}]";

    private (Tensor Scale, Tensor Shift) ConstantsOn(Device device) =>
        _constants.GetOrAdd((device.type, device.index), _ =>
        {
            var scale = new float[Channels];
            var shift = new float[Channels];
            for (var c = 0; c < Channels; c++)
            {
                scale[c] = (float)(1.0 / (255.0 * _std[c]));
                shift[c] = (float)((double)_mean[c] / _std[c]);
            }
            return (Constant(scale, device), Constant(shift, device));
        });

    private static Tensor Constant(float[] values, Device device) =>
        tensor(values, [1, values.Length, 1, 1], ScalarType.Float32, device).DetachFromDisposeScope();
}
