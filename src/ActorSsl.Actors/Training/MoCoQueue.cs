using Akka.Actor;
using ActorSsl.Training.Methods;

namespace ActorSsl.Actors.Training;

/// <summary>
/// Owns MoCo's K×D dictionary of negative keys and its pointer. In one process the training thread allocates the
/// queue (all tensor work stays on that thread: libtorch started from an actor's pool thread would add an OpenMP
/// team of its own, and with more OpenMP threads than cores libgomp stops spinning at barriers — measured here as
/// thousands of extra context switches a second and ~10% slower steps) and hands this actor the reference; the
/// training thread enqueues each step's keys in step order, this actor answers state queries and disposes the
/// queue when the trainer releases it. (Replicating the queue to several trainer replicas by ordered deltas is
/// the multi-trainer plan, ARCHITECTURE §6.)
/// </summary>
public sealed class MoCoQueue : ReceiveActor
{
    private KeyQueue? _queue;

    public static Props Props() => Akka.Actor.Props.Create(() => new MoCoQueue());

    public MoCoQueue()
    {
        Receive<AdoptQueue>(m =>
        {
            if (!ReferenceEquals(_queue, m.Queue)) _queue?.Dispose();
            _queue = m.Queue;
        });
        Receive<GetQueueState>(_ => Sender.Tell(new QueueState(_queue?.Size ?? 0, _queue?.Pointer ?? 0)));
        Receive<ReleaseTrainingState>(_ =>
        {
            _queue?.Dispose();
            _queue = null;
        });
    }

    /// <summary>Training thread → MoCoQueue: the run's queue, by reference (local only); this actor owns it from now on.</summary>
    public sealed record AdoptQueue(KeyQueue Queue) : INoSerializationVerificationNeeded;

    /// <summary>Ask for the queue's size and pointer.</summary>
    public sealed class GetQueueState : INoSerializationVerificationNeeded
    {
        public static readonly GetQueueState Instance = new();
    }

    public sealed record QueueState(int Size, long Pointer) : INoSerializationVerificationNeeded;
}
