using ActorSsl.Core.Messages;
using ActorSsl.Data.Shipping;
using ActorSsl.Imaging;
using ActorSsl.Imaging.Augmentation;
using ActorSsl.Imaging.Decoding;

namespace ActorSsl.Actors.Augmenting;

/// <summary>
/// What one augmentation worker does to one sample, without the actor around it: load the sample (from the node's
/// source, or decode the bytes a lease carries with the worker's own <see cref="SafeImageDecoder"/>), then render its
/// views from that one decode with the worker's <see cref="ViewPipeline"/>. <c>actorssl bench augment</c> times
/// exactly this. Owns per-thread state (pixel buffer, decoder, pipeline scratch): one instance per worker thread.
/// </summary>
public sealed class SampleRenderer : IDisposable
{
    private readonly AugmentWorkerSetup _setup;
    private readonly PixelImage _image = new();
    private readonly ViewPipeline _pipeline;
    private readonly PayloadDecoder? _decoder;

    public SampleRenderer(AugmentWorkerSetup setup)
    {
        ArgumentNullException.ThrowIfNull(setup);
        _setup = setup;
        _pipeline = new ViewPipeline(setup.Recipes, setup.Channels);
        if (setup.Payloads != null) _decoder = new PayloadDecoder(setup.Payloads, setup.Channels, setup.Limits ?? new DecoderLimits());
    }

    /// <summary>Bytes of all views of one sample (views × channels × S × S).</summary>
    public int SampleBytes => _setup.SampleBytes;

    /// <summary>
    /// Loads and renders sample <paramref name="index"/> of <paramref name="epoch"/> into <paramref name="destination"/>.
    /// A sample that cannot be loaded or rendered is cleared and reported in <paramref name="failure"/>; it never throws
    /// for bad content, so one sample cannot take the worker down.
    /// </summary>
    public bool TryRender(int index, int epoch, SamplePayload? payload, Span<byte> destination, out string failure)
    {
        try
        {
            if (!TryLoad(index, payload, out var reason))
            {
                destination.Clear();
                failure = reason ?? "unreadable";
                return false;
            }
            RenderViews(index, epoch, destination);
            failure = "";
            return true;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            destination.Clear();
            failure = $"augmentation failed: {e.GetType().Name}: {e.Message}";
            return false;
        }
    }

    /// <summary>
    /// Loads sample <paramref name="index"/> into this renderer's pixel buffer: from <paramref name="payload"/> when the
    /// lease carries bytes, else from the node's source.
    /// </summary>
    public bool TryLoad(int index, SamplePayload? payload, out string? failure)
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

    /// <summary>Renders every view of the sample loaded last (view v from (seed, epoch, index, v)) into <paramref name="destination"/>.</summary>
    public void RenderViews(int index, int epoch, Span<byte> destination)
    {
        for (var v = 0; v < _setup.Views; v++)
            _pipeline.Render(_image, _setup.Seed, epoch, index, v, destination.Slice(v * _setup.ViewBytes, _setup.ViewBytes));
    }

    public void Dispose() => _decoder?.Dispose();
}
