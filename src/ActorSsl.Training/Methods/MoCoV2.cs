using ActorSsl.Training.Losses;
using TorchSharp;
using static TorchSharp.torch;

namespace ActorSsl.Training.Methods;

/// <summary>
/// MoCo v2: the online encoder embeds view 1 as queries; the EMA target (updated before the key forward)
/// embeds view 2 as keys; InfoNCE against the queue; the step's keys are enqueued after the update.
/// </summary>
public sealed class MoCoV2 : IDisposable
{
    private readonly Scalar _inverseTemperature;

    public MoCoV2(EncoderWithHead online, EmaTargetEncoder target, KeyQueue queue, MoCoV2Options options)
    {
        options.Validate();
        Online = online;
        Target = target;
        Queue = queue;
        Options = options;
        _inverseTemperature = (1.0 / options.Temperature).ToScalar();
    }

    public EncoderWithHead Online { get; }
    public EmaTargetEncoder Target { get; }
    public KeyQueue Queue { get; }
    public MoCoV2Options Options { get; }

    /// <summary>
    /// Updates the target with <paramref name="momentum"/>, then returns the loss (with graph) and the keys
    /// (no graph) that <see cref="Enqueue"/> must receive after the optimizer step.
    /// </summary>
    public (Tensor Loss, Tensor Keys) Forward(Tensor view1, Tensor view2, double momentum)
    {
        Target.Update(momentum);
        using var projection = Online.call(view1);
        using var q = nn.functional.normalize(projection, dim: 1);
        Tensor keys;
        using (torch.no_grad())
        {
            using var keyProjection = Target.Module.call(view2);
            keys = nn.functional.normalize(keyProjection, dim: 1);
        }
        return (InfoNce.Loss(q, keys, Queue.Keys, _inverseTemperature), keys);
    }

    public void Enqueue(Tensor keys) => Queue.Enqueue(keys);

    /// <summary>Disposes the online encoder; queue and target belong to whoever created them.</summary>
    public void Dispose()
    {
        _inverseTemperature.Dispose();
        Online.Dispose();
    }
}
