using System.Globalization;
using System.Text.Json.Serialization;

namespace ActorSsl.Cli.Bench;

/// <summary>
/// What <c>actorssl bench pipeline</c> measured: the step in the pipeline against the step alone, as medians over the
/// rounds (peak RSS: the highest), with every round's own figures.
/// </summary>
public sealed record PipelineBenchResult(
    [property: JsonPropertyName("preset")] string Preset,
    [property: JsonPropertyName("method")] string Method,
    [property: JsonPropertyName("backbone")] string Backbone,
    [property: JsonPropertyName("input")] string Input,
    [property: JsonPropertyName("augment_workers")] int AugmentWorkers,
    [property: JsonPropertyName("batch_size")] int BatchSize,
    [property: JsonPropertyName("threads")] int Threads,
    [property: JsonPropertyName("steps")] int Steps,
    [property: JsonPropertyName("warmup_steps")] int WarmupSteps,
    [property: JsonPropertyName("step_alone_median_ms")] double StepAloneMedianMs,
    [property: JsonPropertyName("step_alone_images_per_second")] double StepAloneImagesPerSecond,
    [property: JsonPropertyName("pipeline_median_step_ms")] double PipelineMedianStepMs,
    [property: JsonPropertyName("pipeline_images_per_second")] double PipelineImagesPerSecond,
    [property: JsonPropertyName("trainer_wait_fraction")] double TrainerWaitFraction,
    [property: JsonPropertyName("efficiency")] double Efficiency,
    [property: JsonPropertyName("step_alone_mean_images_per_second")] double StepAloneMeanImagesPerSecond,
    [property: JsonPropertyName("pipeline_mean_images_per_second")] double PipelineMeanImagesPerSecond,
    [property: JsonPropertyName("efficiency_mean")] double EfficiencyMean,
    [property: JsonPropertyName("step_alone_peak_rss_mb")] double StepAlonePeakRssMb,
    [property: JsonPropertyName("pipeline_peak_rss_mb")] double PipelinePeakRssMb,
    [property: JsonPropertyName("rounds")] IReadOnlyList<PipelineBenchRound> Rounds)
{
    public static PipelineBenchResult From(PipelineBenchPlan plan, IReadOnlyList<PipelineBenchRound> rounds)
    {
        var settings = plan.Settings;
        var batch = plan.BatchSize;
        var stepMs = Median.Of(rounds.Select(r => r.StepAloneMedianMs));
        var pipelineMs = Median.Of(rounds.Select(r => r.PipelineMedianStepMs));
        var stepRate = Round1(batch * 1000.0 / stepMs);
        var pipelineRate = Round1(batch * 1000.0 / pipelineMs);
        var stepMean = Round1(Median.Of(rounds.Select(r => r.StepAloneMeanImagesPerSecond)));
        var pipelineMean = Round1(Median.Of(rounds.Select(r => r.PipelineMeanImagesPerSecond)));
        var size = settings.Augment.ImageSize;
        return new PipelineBenchResult(
            plan.Preset ?? "(reference.conf)", settings.Train.Method, settings.Train.Backbone,
            $"{settings.Augment.Views}x{settings.Data.Channels}x{size}x{size}", settings.Augment.Workers, batch, rounds[0].Threads,
            plan.Steps, plan.Warmup,
            Math.Round(stepMs, 2), stepRate, Math.Round(pipelineMs, 2), pipelineRate,
            Math.Round(Median.Of(rounds.Select(r => r.TrainerWaitFraction)), 4), Ratio(pipelineRate, stepRate),
            stepMean, pipelineMean, Ratio(pipelineMean, stepMean),
            rounds.Max(r => r.StepAlonePeakRssMb), rounds.Max(r => r.PipelinePeakRssMb), rounds);
    }

    internal static double Round1(double value) => Math.Round(value, 1);

    /// <summary>An efficiency from the reported (rounded) rates, so the JSON's figures divide to the JSON's efficiency.</summary>
    internal static double Ratio(double pipeline, double alone) => alone > 0 ? Math.Round(pipeline / alone, 4) : 0;

    public string Describe() => string.Create(CultureInfo.InvariantCulture,
        $"pipeline efficiency {Efficiency:P1} (mean-based {EfficiencyMean:P1}): {Method}/{Backbone} batch {BatchSize} {Input}, {Threads} threads, " +
        $"{AugmentWorkers} augment worker(s): step alone median {StepAloneMedianMs:F1} ms = {StepAloneImagesPerSecond:F1} img/s, " +
        $"in the pipeline {PipelineMedianStepMs:F1} ms = {PipelineImagesPerSecond:F1} img/s, trainer waited {TrainerWaitFraction:P1} " +
        $"(mean over the window: {StepAloneMeanImagesPerSecond:F1} vs {PipelineMeanImagesPerSecond:F1} img/s); " +
        $"peak RSS {StepAlonePeakRssMb:F0} vs {PipelinePeakRssMb:F0} MB; {Steps} steps after {WarmupSteps} warm-up, " +
        $"median of {Rounds.Count} round(s); {Preset}");
}
