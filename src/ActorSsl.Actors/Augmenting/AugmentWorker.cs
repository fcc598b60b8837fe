using Akka.Actor;
using ActorSsl.Core.Messages;

namespace ActorSsl.Actors.Augmenting;

/// <summary>
/// Pulls leases from the data loader and turns them into <see cref="AugmentedChunk"/>s for the batch
/// inbox, one chunk per credit and never without one. Keeps at most two leases (one in work, one
/// prefetched; a lease shipped in parts counts once). Produces one chunk per message to itself, so credits and
/// leases are handled between chunks. Samples come from the node's source, or from the bytes a lease carries;
/// <see cref="SampleRenderer"/> loads and renders each one.
/// Runs on the pinned augmentation dispatcher: its thread is its own.
/// </summary>
public sealed class AugmentWorker : ReceiveActor
{
    private const int MaxLeases = 2;

    private readonly AugmentWorkerSetup _setup;
    private readonly IActorRef _loader;
    private readonly IActorRef _inbox;
    private readonly Queue<Lease> _leases = new();
    private readonly SampleRenderer _renderer;
    private int _cursor;
    private int _credits;
    private bool _leaseRequested;
    private bool _noMoreLeases;
    private bool _producing;

    public static Props Props(AugmentWorkerSetup setup, IActorRef loader, IActorRef inbox) =>
        Akka.Actor.Props.Create(() => new AugmentWorker(setup, loader, inbox));

    public AugmentWorker(AugmentWorkerSetup setup, IActorRef loader, IActorRef inbox)
    {
        _setup = setup;
        _loader = loader;
        _inbox = inbox;
        _renderer = new SampleRenderer(setup);

        Receive<Lease>(lease =>
        {
            // A lease shipped in parts: ask for the next one only after its last part.
            if (!lease.More) _leaseRequested = false;
            if (lease.Count > 0) _leases.Enqueue(lease);
            Pump();
        });
        Receive<Credit>(credit =>
        {
            _credits += credit.Chunks;
            Pump();
        });
        Receive<NoMoreLeases>(_ =>
        {
            _leaseRequested = false;
            _noMoreLeases = true;
        });
        Receive<ProduceChunk>(_ =>
        {
            _producing = false;
            if (_credits > 0 && _leases.Count > 0) Produce();
            Pump();
        });
    }

    protected override void PreStart()
    {
        _inbox.Tell(RegisterProducer.Instance);
        Pump();
    }

    private void Pump()
    {
        if (!_leaseRequested && !_noMoreLeases && _leases.Count < MaxLeases)
        {
            _leaseRequested = true;
            _loader.Tell(_setup.Source == null ? RequestLease.WithSampleBytes : RequestLease.Instance);
        }
        if (!_producing && _credits > 0 && _leases.Count > 0)
        {
            _producing = true;
            Self.Tell(ProduceChunk.Instance);
        }
    }

    private void Produce()
    {
        var lease = _leases.Peek();
        var count = Math.Min(_setup.SamplesPerChunk, lease.Count - _cursor);
        var indices = lease.Indices.AsSpan(_cursor, count).ToArray();
        var pixels = new byte[count * _setup.SampleBytes];
        List<int>? skipped = null;
        List<string>? reasons = null;
        for (var k = 0; k < count; k++)
        {
            var payload = lease.HasPayloads ? lease.Payloads[_cursor + k] : null;
            if (!_renderer.TryRender(indices[k], lease.Epoch, payload, pixels.AsSpan(k * _setup.SampleBytes, _setup.SampleBytes), out var failure))
            {
                (skipped ??= new()).Add(k);
                (reasons ??= new()).Add(failure);
            }
        }
        _inbox.Tell(new AugmentedChunk(lease.LeaseId, lease.Epoch, lease.Start + _cursor, indices,
            skipped?.ToArray() ?? Array.Empty<int>(), reasons?.ToArray() ?? Array.Empty<string>(),
            _setup.Views, _setup.Channels, _setup.OutputSize, pixels));
        _credits--;
        _cursor += count;
        if (_cursor >= lease.Count)
        {
            _leases.Dequeue();
            _cursor = 0;
        }
    }

    protected override void PostStop() => _renderer.Dispose();

    private sealed class ProduceChunk : INoSerializationVerificationNeeded
    {
        public static readonly ProduceChunk Instance = new();
    }
}
