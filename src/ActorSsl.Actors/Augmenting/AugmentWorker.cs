using Akka.Actor;
using ActorSsl.Core.Messages;
using ActorSsl.Data.Shipping;
using ActorSsl.Imaging;
using ActorSsl.Imaging.Augmentation;

namespace ActorSsl.Actors.Augmenting;

/// <summary>
/// Pulls leases from the data loader and turns them into <see cref="AugmentedChunk"/>s for the batch
/// inbox, one chunk per credit and never without one. Keeps at most two leases (one in work, one
/// prefetched; a lease shipped in parts counts once). Produces one chunk per message to itself, so credits and
/// leases are handled between chunks. Samples come from the node's source, or from the bytes a lease carries.
/// Runs on the pinned augmentation dispatcher: its thread is its own.
/// </summary>
public sealed class AugmentWorker : ReceiveActor
{
    private const int MaxLeases = 2;

    private readonly AugmentWorkerSetup _setup;
    private readonly IActorRef _loader;
    private readonly IActorRef _inbox;
    private readonly Queue<Lease> _leases = new();
    private readonly PixelImage _image = new();
    private readonly ViewPipeline _pipeline;
    private readonly PayloadDecoder? _decoder;
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
        _pipeline = new ViewPipeline(setup.Recipes, setup.Channels);
        if (setup.Payloads != null) _decoder = new PayloadDecoder(setup.Payloads, setup.Channels, setup.Limits ?? new Imaging.Decoding.DecoderLimits());

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
            if (!TryRender(indices[k], lease.Epoch, payload, pixels.AsSpan(k * _setup.SampleBytes, _setup.SampleBytes), out var failure))
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

    private bool TryRender(int index, int epoch, SamplePayload? payload, Span<byte> destination, out string failure)
    {
        try
        {
            if (!TryLoad(index, payload, out var reason))
            {
                destination.Clear();
                failure = reason ?? "unreadable";
                return false;
            }
            for (var v = 0; v < _setup.Views; v++)
                _pipeline.Render(_image, _setup.Seed, epoch, index, v, destination.Slice(v * _setup.ViewBytes, _setup.ViewBytes));
            failure = "";
            return true;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // One bad sample must not take the worker (and its leases) down: skip it and say why.
            destination.Clear();
            failure = $"augmentation failed: {e.GetType().Name}: {e.Message}";
            return false;
        }
    }

    private bool TryLoad(int index, SamplePayload? payload, out string? failure)
    {
        if (payload != null)
        {
            if (payload.Failure.Length > 0)
            {
                failure = payload.Failure;
                return false;
            }
            if (_decoder == null)
            {
                failure = "lease carries sample bytes but this worker has no payload decoder";
                return false;
            }
            return _decoder.TryDecode(payload.Bytes, _image, out failure);
        }
        if (_setup.Source == null)
        {
            failure = "lease carries no sample bytes and this node has no data source (use actorssl.cluster.data-transport = bytes)";
            return false;
        }
        return _setup.Source.TryRead(index, _image, out failure);
    }

    protected override void PostStop() => _decoder?.Dispose();

    private sealed class ProduceChunk : INoSerializationVerificationNeeded
    {
        public static readonly ProduceChunk Instance = new();
    }
}
