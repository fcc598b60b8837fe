using Akka.Actor;
using ActorSsl.Training.Methods;
using TorchSharp;
using static TorchSharp.torch;

namespace ActorSsl.Actors.Training;

/// <summary>
/// Owns the momentum (key/target) encoder. Given the online encoder, it builds the target as an exact copy and
/// hands the training thread a reference; the training thread applies θk ← m·θk + (1−m)·θq in place each step
/// before the key forward (no copies of weights between actors in one process). Disposed on release.
/// </summary>
public sealed class EmaTarget : ReceiveActor
{
    private EmaTargetEncoder? _target;

    public static Props Props() => Akka.Actor.Props.Create(() => new EmaTarget());

    public EmaTarget()
    {
        Receive<CreateTarget>(m =>
        {
            _target?.Dispose();
            var module = m.Build();
            module.to(m.Online.parameters().First().device);
            _target = new EmaTargetEncoder(module, m.Online);
            Sender.Tell(new TargetReady(_target));
        });
        Receive<ReleaseTrainingState>(_ =>
        {
            _target?.Dispose();
            _target = null;
        });
    }

    /// <summary>Trainer → EmaTarget: build a target for <paramref name="Online"/> with <paramref name="Build"/> (same architecture).</summary>
    public sealed record CreateTarget(nn.Module<Tensor, Tensor> Online, Func<nn.Module<Tensor, Tensor>> Build) : INoSerializationVerificationNeeded;

    /// <summary>EmaTarget → trainer: the target encoder, by reference (local only).</summary>
    public sealed record TargetReady(EmaTargetEncoder Target) : INoSerializationVerificationNeeded;
}

/// <summary>Trainer → MoCoQueue/EmaTarget: the training thread has ended; free the tensors.</summary>
public sealed class ReleaseTrainingState : INoSerializationVerificationNeeded
{
    public static readonly ReleaseTrainingState Instance = new();
}
