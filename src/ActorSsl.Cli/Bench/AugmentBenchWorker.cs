using System.Diagnostics;
using ActorSsl.Actors.Augmenting;
using ActorSsl.Core.Messages;

namespace ActorSsl.Cli.Bench;

/// <summary>
/// One thread of <c>actorssl bench augment</c>: what an augmentation worker does per sample, with its own
/// <see cref="SampleRenderer"/> (own decoder, pixel buffer and view pipeline). Worker w of N takes stream positions
/// w, w + N, w + 2N, …; position p is sample p mod count of epoch p div count, so every pair is distinct and its views
/// come from (seed, epoch, sample, view) as in a run. Counts pairs and the time spent loading versus rendering.
/// </summary>
internal sealed class AugmentBenchWorker : IDisposable
{
    private readonly SampleRenderer _renderer;
    private readonly SamplePayload? _payload;
    private readonly int _count;
    private readonly int _stride;
    private readonly byte[] _views;
    private long _position;

    public AugmentBenchWorker(AugmentWorkerSetup setup, SamplePayload? payload, int count, int index, int workers)
    {
        _renderer = new SampleRenderer(setup);
        _payload = payload;
        _count = count;
        _stride = workers;
        _position = index;
        _views = new byte[setup.SampleBytes];
    }

    /// <summary>Pairs rendered since <see cref="ResetCounters"/>.</summary>
    public long Pairs { get; private set; }

    /// <summary>Stopwatch ticks spent loading (decoding or copying) samples since <see cref="ResetCounters"/>.</summary>
    public long LoadTicks { get; private set; }

    /// <summary>Stopwatch ticks spent rendering views since <see cref="ResetCounters"/>.</summary>
    public long RenderTicks { get; private set; }


    /// <summary>Renders pairs until <see cref="Stopwatch.GetTimestamp"/> reaches <paramref name="untilTimestamp"/>.</summary>
    public void RunUntil(long untilTimestamp)
    {
        while (Stopwatch.GetTimestamp() < untilTimestamp) RenderNext();
    }

    /// <summary>Loads and renders the next sample of this worker's positions; a sample that fails to load is an error here.</summary>
    public void RenderNext()
    {
        var epoch = (int)(_position / _count);
        var index = (int)(_position % _count);
        var start = Stopwatch.GetTimestamp();
        if (!_renderer.TryLoad(index, _payload, out var failure))
            throw new InvalidDataException($"sample {index} cannot be loaded: {failure}");
        var loaded = Stopwatch.GetTimestamp();
        _renderer.RenderViews(index, epoch, _views);
        var rendered = Stopwatch.GetTimestamp();
        LoadTicks += loaded - start;
        RenderTicks += rendered - loaded;
        Pairs++;
        _position += _stride;
    }

    /// <summary>Forgets the warm-up.</summary>
    public void ResetCounters()
    {
        Pairs = 0;
        LoadTicks = 0;
        RenderTicks = 0;
    }

    public void Dispose() => _renderer.Dispose();
}
