using TorchSharp;
using static TorchSharp.torch;

namespace ActorSsl.Training.Methods;

/// <summary>
/// The momentum (EMA) target: θk ← m·θk + (1−m)·θq over the parameters, in place and without gradients.
/// Starts as an exact copy of the online network. Buffers (BatchNorm statistics) are the target's own,
/// updated by its forward passes, as in MoCo.
/// </summary>
public sealed class EmaTargetEncoder : IDisposable
{
    private readonly Tensor[] _target;
    private readonly Tensor[] _online;

    public EmaTargetEncoder(nn.Module<Tensor, Tensor> target, nn.Module<Tensor, Tensor> online)
    {
        Module = target;
        _target = target.parameters().ToArray();
        _online = online.parameters().ToArray();
        if (_target.Length != _online.Length) throw new ArgumentException("target and online networks differ in structure");
        using var noGrad = torch.no_grad();
        target.load_state_dict(online.state_dict());
        foreach (var p in _target) p.requires_grad_(false);
    }

    /// <summary>The target network.</summary>
    public nn.Module<Tensor, Tensor> Module { get; }

    /// <summary>One EMA step with momentum <paramref name="momentum"/>.</summary>
    public void Update(double momentum)
    {
        using var noGrad = torch.no_grad();
        using var m = momentum.ToScalar();
        using var oneMinusM = (1 - momentum).ToScalar();
        for (var i = 0; i < _target.Length; i++)
            _target[i].mul_(m).add_(_online[i], oneMinusM);
    }

    public void Dispose() => Module.Dispose();
}
