using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace ActorSsl.Training.Models;

/// <summary>
/// BatchNorm over dimension 1 (BatchNorm1d for [N, C] / [N, C, L], BatchNorm2d for [N, C, H, W]) with the
/// parameters, buffers and state_dict keys of TorchSharp's and PyTorch's modules (<c>weight</c>, <c>bias</c>,
/// <c>running_mean</c>, <c>running_var</c>, <c>num_batches_tracked</c>), so checkpoints are interchangeable.
/// </summary>
/// <remarks>
/// Why not TorchSharp's own: its forward counts batches with <c>num_batches_tracked.add_(1)</c>, which makes two
/// temporary Scalars (the 1 and the default alpha) and reads their native handles without keeping the Scalars
/// alive. When a garbage collection runs during that native call (another thread allocated), the finalizer frees
/// the Scalars while libtorch still reads them: "Unknown scalar type" or "alpha must not be a floating point
/// number" a few times per hundred thousand forwards (reproduced in ScalarFinalizerRaceSpec; one full training
/// run failed at step 1512 that way). Here both Scalars are fields that live as long as the module.
/// </remarks>
public sealed class SafeBatchNorm : Module<Tensor, Tensor>
{
    private readonly int[] _ranks;
    private readonly double _momentum;
    private readonly double _eps;
    private readonly Scalar _one = 1L.ToScalar();

    private SafeBatchNorm(string name, long features, int[] ranks, double eps, double momentum, bool affine) : base(name)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(features, 1);
        if (!(eps > 0)) throw new ArgumentOutOfRangeException(nameof(eps), eps, "eps must be positive");
        if (!(momentum is > 0 and <= 1)) throw new ArgumentOutOfRangeException(nameof(momentum), momentum, "momentum must be in (0, 1]");
        Features = features;
        _ranks = ranks;
        _eps = eps;
        _momentum = momentum;
        if (affine)
        {
            weight = new Parameter(ones(features));
            bias = new Parameter(zeros(features));
        }
        running_mean = zeros(features);
        running_var = ones(features);
        num_batches_tracked = zeros(Array.Empty<long>(), ScalarType.Int64);
    }

    /// <summary>BatchNorm1d: input [N, C] or [N, C, L].</summary>
    public static SafeBatchNorm OneD(long features, bool affine = true, double eps = 1e-5, double momentum = 0.1) =>
        new("BatchNorm1d", features, [2, 3], eps, momentum, affine);

    /// <summary>BatchNorm2d: input [N, C, H, W].</summary>
    public static SafeBatchNorm TwoD(long features, bool affine = true, double eps = 1e-5, double momentum = 0.1) =>
        new("BatchNorm2d", features, [4], eps, momentum, affine);

    /// <summary>Channels normalised (C).</summary>
    public long Features { get; }

    // Properties named as registered, whose setters (re)register: Module.to(device|dtype) moves each tensor and hands
    // the moved one to the property of the same name, as TorchSharp's own modules expect.
    private Parameter? _weight, _bias;
    private Tensor _runningMean = null!, _runningVar = null!, _numBatchesTracked = null!;

    /// <summary>Scale γ, or null without affine parameters.</summary>
    public Parameter? weight { get => _weight; private set { _weight = Swap(_weight, value); ConditionallyRegisterParameter(nameof(weight), value); } }

    /// <summary>Shift β, or null without affine parameters.</summary>
    public Parameter? bias { get => _bias; private set { _bias = Swap(_bias, value); ConditionallyRegisterParameter(nameof(bias), value); } }

    /// <summary>Running mean used in eval mode.</summary>
    public Tensor running_mean { get => _runningMean; private set { _runningMean = Swap(_runningMean, value.DetachFromDisposeScope()); ConditionallyRegisterBuffer(nameof(running_mean), value); } }

    /// <summary>Running (unbiased) variance used in eval mode.</summary>
    public Tensor running_var { get => _runningVar; private set { _runningVar = Swap(_runningVar, value.DetachFromDisposeScope()); ConditionallyRegisterBuffer(nameof(running_var), value); } }

    /// <summary>Training-mode forwards so far (int64 scalar tensor).</summary>
    public Tensor num_batches_tracked { get => _numBatchesTracked; private set { _numBatchesTracked = Swap(_numBatchesTracked, value.DetachFromDisposeScope()); ConditionallyRegisterBuffer(nameof(num_batches_tracked), value); } }

    /// <inheritdoc />
    public override Tensor forward(Tensor input)
    {
        if (Array.IndexOf(_ranks, (int)input.dim()) < 0 || input.shape[1] != Features)
            throw new ArgumentException(
                $"{GetName()} expects {string.Join(" or ", _ranks.Select(r => r + "-d"))} input with {Features} channels in dimension 1; got [{string.Join(", ", input.shape)}]",
                nameof(input));
        if (training)
            num_batches_tracked.add_(_one, _one);
        return functional.batch_norm(input, running_mean, running_var, weight, bias, training, _momentum, _eps);
    }

    private static T Swap<T>(T? old, T value) where T : Tensor
    {
        if (old is not null && !ReferenceEquals(old, value)) old.Dispose();
        return value;
    }

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        if (disposing) _one.Dispose();
        base.Dispose(disposing);
    }
}
