using ActorSsl.Core.Messages;

namespace ActorSsl.Actors.Coordination;

/// <summary>Running totals of the training steps the coordinator has seen.</summary>
public sealed class TrainingTally
{
    public long Steps { get; private set; }
    public long Samples { get; private set; }
    public double StepMilliseconds { get; private set; }
    public double WaitMilliseconds { get; private set; }
    public StepMetrics? Last { get; private set; }

    /// <summary>The most recent steps (at most <see cref="RecentCapacity"/>), for a robust median and per-step analysis.</summary>
    private readonly Queue<StepTiming> _recent = new();
    public const int RecentCapacity = 1024;

    /// <summary>
    /// The most recent steps in order, at most <see cref="RecentCapacity"/>, each with its own wait (the first step's
    /// wait of a process, start-up included, is left as measured: callers that time a window skip warm-up steps).
    /// </summary>
    public IReadOnlyList<StepTiming> RecentSteps => _recent.ToArray();

    /// <summary>Median step time over the most recent steps (0 before the first step).</summary>
    public double MedianStepMilliseconds
    {
        get
        {
            if (_recent.Count == 0) return 0;
            var sorted = _recent.Select(s => s.StepMilliseconds).Order().ToArray();
            return sorted[sorted.Length / 2];
        }
    }
    public List<EpochEvaluated> Evaluations { get; } = new();
    public CheckpointWritten? LastCheckpoint { get; set; }
    public TrainingFinished? Finished { get; set; }

    /// <summary>Share of the training thread's time spent waiting for data.</summary>
    public double WaitFraction => StepMilliseconds + WaitMilliseconds > 0 ? WaitMilliseconds / (StepMilliseconds + WaitMilliseconds) : 0;

    public void Add(StepMetrics m)
    {
        Steps++;
        Samples += m.Samples;
        StepMilliseconds += m.StepMilliseconds;
        // The first wait of a process includes start-up (model build, pipeline warm-up); it is not data starvation.
        if (Steps > 1) WaitMilliseconds += m.WaitMilliseconds;
        Last = m;
        if (_recent.Count == RecentCapacity) _recent.Dequeue();
        _recent.Enqueue(new StepTiming(m.Step, m.StepMilliseconds, m.WaitMilliseconds));
    }

    /// <summary>An independent copy, safe to hand to another thread.</summary>
    public TrainingTally Copy()
    {
        var copy = new TrainingTally
        {
            Steps = Steps, Samples = Samples, StepMilliseconds = StepMilliseconds, WaitMilliseconds = WaitMilliseconds,
            Last = Last, LastCheckpoint = LastCheckpoint, Finished = Finished,
        };
        copy.Evaluations.AddRange(Evaluations);
        foreach (var step in _recent) copy._recent.Enqueue(step);
        return copy;
    }
}
