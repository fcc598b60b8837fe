using static TorchSharp.torch;

namespace ActorSsl.Training.Models;

/// <summary>
/// Mixed precision for the backbones, the part of PyTorch's autocast that ActorSsl's models need (TorchSharp 0.107
/// has no autocast): inside <see cref="Enter"/> on a thread, every <see cref="MixedPrecisionConv2d"/> computes in the
/// lower-precision type (bfloat16) from a cast of its float32 weight, batch norm and ReLU follow in that type, and the
/// pooled features come back in the parameters' type. Parameters, gradients, optimizer state, heads and losses stay
/// float32: the casts are differentiable, so each weight's gradient arrives in float32.
/// </summary>
/// <remarks>
/// Thread-local, like autocast and like dispose scopes: the training thread enters it around a step's forward passes.
/// bfloat16 keeps float32's exponent range, so no loss scaling is needed (float16 would need it and is not offered).
/// </remarks>
public static class MixedPrecision
{
    [ThreadStatic] private static ScalarType? _computeType;

    /// <summary>The lower-precision type this thread's convolutions compute in, or null (full precision).</summary>
    public static ScalarType? ComputeType => _computeType;

    /// <summary>
    /// Computes this thread's convolutions in <paramref name="computeType"/> (bfloat16; null = full precision) until
    /// the returned scope is disposed, which restores the previous setting.
    /// </summary>
    public static Scope Enter(ScalarType? computeType)
    {
        if (computeType is not (null or ScalarType.BFloat16))
            throw new ArgumentOutOfRangeException(nameof(computeType), computeType, "mixed precision computes in bfloat16 (or null: full precision)");
        var previous = _computeType;
        _computeType = computeType;
        return new Scope(previous);
    }

    /// <summary>Restores the thread's previous compute type when disposed.</summary>
    public readonly struct Scope : IDisposable
    {
        private readonly ScalarType? _previous;

        internal Scope(ScalarType? previous) => _previous = previous;

        public void Dispose() => _computeType = _previous;
    }

    /// <summary>The compute type named in configuration: "fp32" → null, "bf16" → bfloat16.</summary>
    public static ScalarType? Parse(string precision) => precision switch
    {
        "fp32" => null,
        "bf16" => ScalarType.BFloat16,
        _ => throw new ArgumentException($"precision '{precision}' must be fp32 or bf16", nameof(precision)),
    };
}
