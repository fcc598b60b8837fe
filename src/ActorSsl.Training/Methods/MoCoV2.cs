using ActorSsl.Training.Checkpoints;
using ActorSsl.Training.Losses;
using ActorSsl.Training.Loop;
using ActorSsl.Training.Models;
using ActorSsl.Training.Schedules;
using TorchSharp;
using static TorchSharp.torch;

namespace ActorSsl.Training.Methods;

/// <summary>
/// MoCo v2: the online encoder embeds view 1 as queries; the EMA target (updated before the key forward)
/// embeds view 2 as keys; InfoNCE against the queue; the step's keys are enqueued after the update.
/// </summary>
public sealed class MoCoV2 : SslMethod
{
    private readonly Scalar _inverseTemperature;
    private Tensor? _pendingKeys;

    public MoCoV2(EncoderWithHead online, EmaTargetEncoder target, KeyQueue queue, MoCoV2Options options, MomentumSchedule momentum) : base(online)
    {
        options.Validate();
        Target = target;
        Queue = queue;
        Options = options;
        Momentum = momentum;
        _inverseTemperature = (1.0 / options.Temperature).ToScalar();
    }

    /// <summary>
    /// Builds the method in the order the reference runs were made with (online encoder, target encoder, queue), so
    /// that a seed gives the same initial weights as before methods were pluggable.
    /// </summary>
    public static MoCoV2 Create(TrainingOptions options, Device device)
    {
        var online = BuildEncoder(options);
        online.to(device);
        // The target is initialised randomly too (and then overwritten with the online weights): that draw is part
        // of the seeded RNG sequence every earlier MoCo run used.
        var targetModule = BuildEncoder(options);
        targetModule.to(device);
        var target = new EmaTargetEncoder(targetModule, online);
        var queue = new KeyQueue(options.MoCo.QueueSize, options.MoCo.ProjectionDim, device, (long)(options.Seed & 0x7FFFFFFF) + 1);
        var momentum = options.EmaCosine
            ? new MomentumSchedule(options.EmaMomentum, options.EmaFinalMomentum, options.TotalSteps, true)
            : MomentumSchedule.Constant(options.EmaMomentum);
        return new MoCoV2(online, target, queue, options.MoCo, momentum);
    }

    private static EncoderWithHead BuildEncoder(TrainingOptions options)
    {
        var backbone = BackboneFactory.Create(options.Backbone, options.InChannels, options.Widths);
        var head = new ProjectionHead(backbone.FeatureDim, options.MoCo.ProjectionHidden, options.MoCo.ProjectionDim);
        return new EncoderWithHead(backbone, head);
    }

    public override string Name => "mocov2";
    public override EmaTargetEncoder Target { get; }
    public override KeyQueue Queue { get; }
    public override MomentumSchedule Momentum { get; }
    public MoCoV2Options Options { get; }

    public override void Train()
    {
        Online.train();
        Target.Module.train();
    }

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

    public override Tensor Loss(Tensor view1, Tensor view2, double momentum)
    {
        var (loss, keys) = Forward(view1, view2, momentum);
        _pendingKeys = keys;
        return loss;
    }

    /// <summary>The step's keys enter the queue only after the update, so a step never contrasts against its own keys.</summary>
    public override void AfterStep(double momentum)
    {
        if (_pendingKeys is null) return;
        Enqueue(_pendingKeys);
        _pendingKeys = null;
    }

    public void Enqueue(Tensor keys) => Queue.Enqueue(keys);

    public override IEnumerable<(string Name, Tensor Tensor)> State() =>
        Prefixed(Online, "online.").Concat(Prefixed(Target.Module, "target.")).Append(("queue.keys", Queue.Keys));

    public override void LoadState(IReadOnlyDictionary<string, Tensor> tensors, CheckpointMetadata metadata, string path)
    {
        LoadModule(Online, tensors, "online.", path);
        LoadModule(Target.Module, tensors, "target.", path);
        Queue.Load(Required(tensors, "queue.keys", path), metadata.QueuePointer);
    }

    protected override void DisposeOwn() => _inverseTemperature.Dispose();
}
