using TorchSharp;
using static TorchSharp.torch;

namespace ActorSsl.Training.Optim;

/// <summary>
/// SGD with momentum and weight decay, PyTorch semantics (g = ∇ + wd·θ; b = μ·b + g, b₀ = g; θ −= lr·b).
/// Written here rather than using TorchSharp's optimizer so that (a) every number reaches libtorch as a
/// Scalar we create and dispose ourselves — implicit double→Scalar conversions are freed only by the GC and
/// made RSS grow by tens of MB per step — and (b) its state (the momentum buffers) is plain named tensors
/// that checkpoints save and restore exactly.
/// </summary>
public sealed class SgdMomentum : IDisposable
{
    private readonly (string Name, Tensor Parameter)[] _parameters;
    private readonly bool[] _fixedRate;
    private readonly Tensor?[] _buffers;
    private readonly Scalar _momentum;
    private readonly Scalar _weightDecay;
    private readonly Scalar _one = 1.0.ToScalar();
    private readonly bool _decay;

    public SgdMomentum(IEnumerable<(string Name, Tensor Parameter)> parameters, double momentum, double weightDecay)
        : this(parameters, momentum, weightDecay, _ => false) { }

    /// <param name="fixedRate">
    /// Names the parameters that take the fixed rate of <see cref="Step(double, double)"/> instead of the scheduled
    /// one (SimSiam's predictor, whose learning rate the paper does not decay).
    /// </param>
    public SgdMomentum(IEnumerable<(string Name, Tensor Parameter)> parameters, double momentum, double weightDecay, Func<string, bool> fixedRate)
    {
        _parameters = parameters.Where(p => p.Parameter.requires_grad).ToArray();
        _fixedRate = _parameters.Select(p => fixedRate(p.Name)).ToArray();
        _buffers = new Tensor?[_parameters.Length];
        _momentum = momentum.ToScalar();
        _weightDecay = weightDecay.ToScalar();
        _decay = weightDecay != 0;
        Momentum = momentum;
    }

    public double Momentum { get; }

    public void ZeroGrad()
    {
        foreach (var (_, p) in _parameters)
        {
            var grad = p.grad;
            if (grad is null) continue;
            grad.detach_();
            grad.zero_();
        }
    }

    /// <summary>One update with learning rate <paramref name="learningRate"/> for every parameter.</summary>
    public void Step(double learningRate) => Step(learningRate, learningRate);

    /// <summary>
    /// One update: <paramref name="learningRate"/> (the scheduled rate) for most parameters,
    /// <paramref name="fixedLearningRate"/> for those the constructor's <c>fixedRate</c> names.
    /// </summary>
    public void Step(double learningRate, double fixedLearningRate)
    {
        using var noGrad = torch.no_grad();
        using var negLr = (-learningRate).ToScalar();
        using var negFixedLr = (-fixedLearningRate).ToScalar();
        for (var i = 0; i < _parameters.Length; i++)
        {
            var p = _parameters[i].Parameter;
            var grad = p.grad;
            if (grad is null) continue;
            using var g = _decay ? grad.add(p, _weightDecay) : grad.clone();
            if (_buffers[i] is { } buffer)
            {
                buffer.mul_(_momentum).add_(g, _one); // explicit alpha: add_(t) alone makes a GC-only Scalar
            }
            else
            {
                _buffers[i] = g.detach().clone().DetachFromDisposeScope();
            }
            p.add_(_buffers[i]!, _fixedRate[i] ? negFixedLr : negLr);
        }
    }

    /// <summary>The momentum buffers by parameter name (absent before the first step).</summary>
    public IEnumerable<(string Name, Tensor Buffer)> State()
    {
        for (var i = 0; i < _parameters.Length; i++)
            if (_buffers[i] is { } b) yield return (_parameters[i].Name, b);
    }

    /// <summary>Restores buffers saved by <see cref="State"/>; unknown names are an error.</summary>
    public void LoadState(IReadOnlyDictionary<string, Tensor> buffers)
    {
        using var noGrad = torch.no_grad();
        var index = _parameters.Select((p, i) => (p.Name, i)).ToDictionary(x => x.Name, x => x.i);
        foreach (var (name, tensor) in buffers)
        {
            if (!index.TryGetValue(name, out var i)) throw new InvalidDataException($"optimizer state names unknown parameter '{name}'");
            _buffers[i]?.Dispose();
            _buffers[i] = tensor.to(_parameters[i].Parameter.device).clone().DetachFromDisposeScope();
        }
    }

    public void Dispose()
    {
        foreach (var b in _buffers) b?.Dispose();
        _momentum.Dispose();
        _weightDecay.Dispose();
        _one.Dispose();
    }
}
