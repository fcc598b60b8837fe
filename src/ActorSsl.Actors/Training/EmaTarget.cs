using Akka.Actor;
using ActorSsl.Training.Methods;

namespace ActorSsl.Actors.Training;

/// <summary>
/// Owns the momentum (key/target) encoder. The training thread builds the target as an exact copy of the online
/// encoder (tensor work stays on that thread, see <see cref="MoCoQueue"/>) and hands this actor the reference; the
/// training thread applies θk ← m·θk + (1−m)·θq in place each step before the key forward (no copies of weights
/// between actors in one process). Disposed on release.
/// </summary>
public sealed class EmaTarget : ReceiveActor
{
    private EmaTargetEncoder? _target;

    public static Props Props() => Akka.Actor.Props.Create(() => new EmaTarget());

    public EmaTarget()
    {
        Receive<AdoptTarget>(m =>
        {
            if (!ReferenceEquals(_target, m.Target)) _target?.Dispose();
            _target = m.Target;
        });
        Receive<ReleaseTrainingState>(_ =>
        {
            _target?.Dispose();
            _target = null;
        });
    }

    /// <summary>Training thread → EmaTarget: the run's target encoder, by reference (local only); this actor owns it from now on.</summary>
    public sealed record AdoptTarget(EmaTargetEncoder Target) : INoSerializationVerificationNeeded;
}

/// <summary>Trainer → MoCoQueue/EmaTarget: the training thread has ended; free the tensors.</summary>
public sealed class ReleaseTrainingState : INoSerializationVerificationNeeded
{
    public static readonly ReleaseTrainingState Instance = new();
}
