using System.Text.Json.Serialization;

namespace ActorSsl.Cli.Bench;

/// <summary>One round of <c>actorssl bench pipeline</c>: a step-alone process, then a pipeline process, back to back.</summary>
public sealed record PipelineBenchRound(
    [property: JsonPropertyName("round")] int Round,
    [property: JsonPropertyName("threads")] int Threads,
    [property: JsonPropertyName("step_alone_median_ms")] double StepAloneMedianMs,
    [property: JsonPropertyName("step_alone_images_per_second")] double StepAloneImagesPerSecond,
    [property: JsonPropertyName("step_alone_mean_images_per_second")] double StepAloneMeanImagesPerSecond,
    [property: JsonPropertyName("pipeline_median_step_ms")] double PipelineMedianStepMs,
    [property: JsonPropertyName("pipeline_images_per_second")] double PipelineImagesPerSecond,
    [property: JsonPropertyName("pipeline_mean_images_per_second")] double PipelineMeanImagesPerSecond,
    [property: JsonPropertyName("trainer_wait_fraction")] double TrainerWaitFraction,
    [property: JsonPropertyName("efficiency")] double Efficiency,
    [property: JsonPropertyName("efficiency_mean")] double EfficiencyMean,
    [property: JsonPropertyName("step_alone_peak_rss_mb")] double StepAlonePeakRssMb,
    [property: JsonPropertyName("pipeline_peak_rss_mb")] double PipelinePeakRssMb)
{
    public static PipelineBenchRound From(int round, PipelineBenchPhase alone, PipelineBenchPhase pipeline)
    {
        var aloneRate = PipelineBenchResult.Round1(alone.ImagesPerSecond);
        var pipelineRate = PipelineBenchResult.Round1(pipeline.ImagesPerSecond);
        var aloneMean = PipelineBenchResult.Round1(alone.MeanImagesPerSecond);
        var pipelineMean = PipelineBenchResult.Round1(pipeline.MeanImagesPerSecond);
        return new PipelineBenchRound(round, alone.Threads,
            Math.Round(alone.MedianStepMs, 2), aloneRate, aloneMean,
            Math.Round(pipeline.MedianStepMs, 2), pipelineRate, pipelineMean,
            Math.Round(pipeline.WaitFraction, 4), PipelineBenchResult.Ratio(pipelineRate, aloneRate), PipelineBenchResult.Ratio(pipelineMean, aloneMean),
            Math.Round(alone.PeakRssMb, 1), Math.Round(pipeline.PeakRssMb, 1));
    }
}
