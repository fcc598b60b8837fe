using ActorSsl.Training.Checkpoints;
using ActorSsl.Training.Schedules;
using TorchSharp;
using static TorchSharp.torch;

namespace ActorSsl.Training.Methods;

/// <summary>
/// A self-supervised method: builds its modules (the online encoder — backbone and projection head — and whatever
/// else it needs: predictor, EMA target, queue), computes the loss for two views of a batch, and does its post-step
/// updates (EMA, enqueue). The session owns the optimizer, the schedules and the step loop; it asks the method for its
/// trainable parameters and for its named state tensors when it checkpoints. One file per method, registered by name
/// in <see cref="MethodRegistry"/>.
/// </summary>
public abstract class SslMethod : IDisposable
{
    private bool _handedOver;

    protected SslMethod(EncoderWithHead online) => Online = online;

    /// <summary>The name configurations select the method by (<c>actorssl.train.method</c>).</summary>
    public abstract string Name { get; }

    /// <summary>Backbone + projection head, trained by the optimizer; its backbone is the learned representation.</summary>
    public EncoderWithHead Online { get; }

    /// <summary>MoCo's dictionary of negative keys (null for methods without one).</summary>
    public virtual KeyQueue? Queue => null;

    /// <summary>The momentum (EMA) target (null for methods without one).</summary>
    public virtual EmaTargetEncoder? Target => null;

    /// <summary>The EMA momentum per step (null for methods without an EMA target).</summary>
    public virtual MomentumSchedule? Momentum => null;

    /// <summary>The parameters the optimizer updates, with the names their optimizer state is checkpointed under.</summary>
    public virtual IEnumerable<(string Name, Tensor Parameter)> TrainableParameters() =>
        Online.named_parameters().Select(p => (p.name, (Tensor)p.parameter));

    /// <summary>
    /// Whether the optimizer keeps this trainable parameter at the base learning rate instead of following the
    /// schedule (SimSiam's predictor, when configured).
    /// </summary>
    public virtual bool UsesFixedLearningRate(string parameterName) => false;

    /// <summary>Puts every module in training mode (BatchNorm uses batch statistics).</summary>
    public virtual void Train() => Online.train();

    /// <summary>
    /// The loss (with graph) for the two views ([N,C,H,W] each); <paramref name="momentum"/> is this step's EMA
    /// momentum (0 for methods without a target). Tensors live in the caller's dispose scope.
    /// </summary>
    public abstract Tensor Loss(Tensor view1, Tensor view2, double momentum);

    /// <summary>Runs after the optimizer step, still inside the step's dispose scope (EMA update, enqueue).</summary>
    public virtual void AfterStep(double momentum) { }

    /// <summary>Every tensor a checkpoint needs to continue the method exactly, by name (modules, queue).</summary>
    public virtual IEnumerable<(string Name, Tensor Tensor)> State() => Prefixed(Online, "online.");

    /// <summary>Restores what <see cref="State"/> wrote; called under no_grad.</summary>
    public virtual void LoadState(IReadOnlyDictionary<string, Tensor> tensors, CheckpointMetadata metadata, string path) =>
        LoadModule(Online, tensors, "online.", path);

    /// <summary>
    /// Gives the queue and the EMA target (when the method has them) to <paramref name="receiver"/>, which owns them
    /// from then on: the MoCoQueue and EmaTarget actors in a pipeline run. Without a hand-over the method disposes them.
    /// </summary>
    public void HandOver(Action<KeyQueue?, EmaTargetEncoder?> receiver)
    {
        if (Queue == null && Target == null) return;
        receiver(Queue, Target);
        _handedOver = true;
    }

    protected static IEnumerable<(string Name, Tensor Tensor)> Prefixed(nn.Module module, string prefix) =>
        module.state_dict().Select(kv => (prefix + kv.Key, kv.Value));

    protected static void LoadModule(nn.Module module, IReadOnlyDictionary<string, Tensor> tensors, string prefix, string path)
    {
        foreach (var (name, target) in module.state_dict())
            target.copy_(Required(tensors, prefix + name, path));
    }

    protected static Tensor Required(IReadOnlyDictionary<string, Tensor> tensors, string name, string path) =>
        tensors.TryGetValue(name, out var t) ? t : throw new InvalidDataException($"{path}: checkpoint lacks tensor '{name}' (written by another model or version?)");

    /// <summary>Disposes the method's own modules and losses (not the online encoder, queue or target).</summary>
    protected virtual void DisposeOwn() { }

    public void Dispose()
    {
        DisposeOwn();
        Online.Dispose();
        if (!_handedOver)
        {
            Queue?.Dispose();
            Target?.Dispose();
        }
        GC.SuppressFinalize(this);
    }
}
