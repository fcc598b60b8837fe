using Akka.Actor;
using ActorSsl.Training;
using ActorSsl.Training.Methods;

namespace ActorSsl.Actors.Training;

/// <summary>
/// Owns MoCo's K×D dictionary of negative keys and its pointer. In one process it creates the queue and hands
/// the training thread a reference (no per-step copies); the training thread enqueues each step's keys in
/// step order. It disposes the queue when the trainer releases it. (Replicating the queue to several trainer
/// replicas by ordered deltas is the multi-trainer plan, ARCHITECTURE §6.)
/// </summary>
public sealed class MoCoQueue : ReceiveActor
{
    private KeyQueue? _queue;

    public static Props Props() => Akka.Actor.Props.Create(() => new MoCoQueue());

    public MoCoQueue()
    {
        Receive<CreateQueue>(m =>
        {
            _queue?.Dispose();
            _queue = new KeyQueue(m.Size, m.Dim, DeviceSelector.Select(m.Device), m.Seed);
            Sender.Tell(new QueueReady(_queue));
        });
        Receive<GetQueueState>(_ => Sender.Tell(new QueueState(_queue?.Size ?? 0, _queue?.Pointer ?? 0)));
        Receive<ReleaseTrainingState>(_ =>
        {
            _queue?.Dispose();
            _queue = null;
        });
    }

    /// <summary>Trainer → MoCoQueue: create a fresh queue of normalised random keys (seeded).</summary>
    public sealed record CreateQueue(int Size, int Dim, string Device, long Seed) : INoSerializationVerificationNeeded;

    /// <summary>MoCoQueue → trainer: the queue, by reference (local only).</summary>
    public sealed record QueueReady(KeyQueue Queue) : INoSerializationVerificationNeeded;

    /// <summary>Ask for the queue's size and pointer.</summary>
    public sealed class GetQueueState : INoSerializationVerificationNeeded
    {
        public static readonly GetQueueState Instance = new();
    }

    public sealed record QueueState(int Size, long Pointer) : INoSerializationVerificationNeeded;
}
