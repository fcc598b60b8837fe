using System.Text.Json;
using System.Text.Json.Serialization;
using ActorSsl.Actors.Coordination;
using ActorSsl.Cli.Reporting;

namespace ActorSsl.Cli.Bench;

/// <summary>
/// What one phase of <c>actorssl bench pipeline</c> measured over its timed steps (warm-up left out), written by the
/// phase's child process and read by the parent. Images/s come two ways: from the median step time (robust to the
/// odd slow step) and from the mean over the whole timed window, waits for data included.
/// </summary>
public sealed record PipelineBenchPhase(
    [property: JsonPropertyName("phase")] string Phase,
    [property: JsonPropertyName("steps")] int Steps,
    [property: JsonPropertyName("batch_size")] int BatchSize,
    [property: JsonPropertyName("threads")] int Threads,
    [property: JsonPropertyName("median_step_ms")] double MedianStepMs,
    [property: JsonPropertyName("mean_step_ms")] double MeanStepMs,
    [property: JsonPropertyName("mean_wait_ms")] double MeanWaitMs,
    [property: JsonPropertyName("wait_fraction")] double WaitFraction,
    [property: JsonPropertyName("peak_rss_mb")] double PeakRssMb)
{
    public const string StepAlone = "step";
    public const string Pipeline = "pipeline";

    /// <summary>Images/s at the median step time.</summary>
    [JsonIgnore]
    public double ImagesPerSecond => BatchSize * 1000.0 / MedianStepMs;

    /// <summary>Images/s over the timed window: all its images over all its step and wait time.</summary>
    [JsonIgnore]
    public double MeanImagesPerSecond => BatchSize * 1000.0 / (MeanStepMs + MeanWaitMs);

    public static PipelineBenchPhase From(string phase, int batchSize, int threads, IReadOnlyList<StepTiming> timed, double peakRssMb)
    {
        if (timed.Count == 0) throw new ArgumentException("no timed steps", nameof(timed));
        var step = timed.Sum(s => s.StepMilliseconds);
        var wait = timed.Sum(s => s.WaitMilliseconds);
        return new PipelineBenchPhase(phase, timed.Count, batchSize, threads, Median.Of(timed.Select(s => s.StepMilliseconds)),
            step / timed.Count, wait / timed.Count, step + wait > 0 ? wait / (step + wait) : 0, peakRssMb);
    }

    public void Write(string path) => JsonReport.Write(path, this);

    public static PipelineBenchPhase Read(string path) =>
        JsonSerializer.Deserialize<PipelineBenchPhase>(File.ReadAllText(path)) ?? throw new InvalidDataException($"{path}: empty phase result");
}
