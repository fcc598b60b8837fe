using System.Diagnostics;

namespace ActorSsl.Cli.Reporting;

/// <summary>Counters of a consumer that drains the batch channel, with per-epoch memory marks.</summary>
public sealed class DrainStats
{
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private long _samples;
    private long _batches;
    private int _epoch;
    private readonly List<(double Seconds, long Samples)> _timeline = new();

    public long Samples => Interlocked.Read(ref _samples);
    public long Batches => Interlocked.Read(ref _batches);
    public int Epoch => Volatile.Read(ref _epoch);
    public TimeSpan Elapsed => _clock.Elapsed;
    public List<EpochMark> Epochs { get; } = new();

    /// <summary>When each batch arrived (seconds since the start) and the samples delivered with it so far. Read after <see cref="Finish"/>.</summary>
    public IReadOnlyList<(double Seconds, long Samples)> Timeline => _timeline;

    /// <summary>Called by the consumer thread for every batch.</summary>
    public void Add(int epoch, int samples)
    {
        if (epoch != _epoch)
        {
            CloseEpoch();
            Volatile.Write(ref _epoch, epoch);
            ProcessMemory.ResetPeak();
        }
        var total = Interlocked.Add(ref _samples, samples);
        Interlocked.Increment(ref _batches);
        _timeline.Add((_clock.Elapsed.TotalSeconds, total));
    }

    /// <summary>Called once the channel has completed.</summary>
    public void Finish()
    {
        CloseEpoch();
        _clock.Stop();
    }

    private void CloseEpoch()
    {
        if (_epoch == 0) return;
        lock (Epochs)
            Epochs.Add(new EpochMark(_epoch, Samples, _clock.Elapsed.TotalSeconds, ProcessMemory.CurrentRssMb(), ProcessMemory.PeakRssMb()));
    }
}

/// <summary>State at the end of an epoch: cumulative samples and seconds, current and in-epoch peak RSS.</summary>
public sealed record EpochMark(int Epoch, long SamplesSoFar, double SecondsSoFar, double RssMb, double PeakRssMb);
