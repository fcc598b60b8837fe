using System.Globalization;
using System.Text.Json.Serialization;
using ActorSsl.Training;

namespace ActorSsl.Cli.Bench;

/// <summary>What <c>actorssl bench step</c> measured.</summary>
public sealed record StepBenchResult(
    [property: JsonPropertyName("model")] string Model,
    [property: JsonPropertyName("method")] string Method,
    [property: JsonPropertyName("batch_size")] int BatchSize,
    [property: JsonPropertyName("threads")] int Threads,
    [property: JsonPropertyName("input")] string Input,
    [property: JsonPropertyName("runtime")] string Runtime,
    [property: JsonPropertyName("steps")] int Steps,
    [property: JsonPropertyName("median_step_ms")] double MedianStepMs,
    [property: JsonPropertyName("p10_step_ms")] double P10StepMs,
    [property: JsonPropertyName("p90_step_ms")] double P90StepMs,
    [property: JsonPropertyName("images_per_second")] double ImagesPerSecond,
    [property: JsonPropertyName("rss_first_mb")] double RssFirstMb,
    [property: JsonPropertyName("rss_last_mb")] double RssLastMb,
    [property: JsonPropertyName("rss_max_mb")] double RssMaxMb,
    [property: JsonPropertyName("peak_rss_mb")] double PeakRssMb,
    [property: JsonPropertyName("gen0_collections")] int Gen0Collections,
    [property: JsonPropertyName("precision")] string Precision,
    [property: JsonPropertyName("allocator")] string Allocator,
    [property: JsonPropertyName("memory_format")] string MemoryFormat)
{
    public static StepBenchResult From(string model, string method, int batchSize, int threads, int channels, int size, string runtime,
        List<double> times, List<double> rss, double peakRss, int gen0, string precision, string memoryFormat)
    {
        var sorted = times.Order().ToArray();
        double Quantile(double q) => sorted[(int)Math.Round(q * (sorted.Length - 1))];
        var median = Quantile(0.5);
        return new StepBenchResult(model, method, batchSize, threads, $"{channels}x{size}x{size}", runtime, times.Count,
            Math.Round(median, 2), Math.Round(Quantile(0.1), 2), Math.Round(Quantile(0.9), 2),
            Math.Round(batchSize * 1000.0 / median, 1), Math.Round(rss[0], 1), Math.Round(rss[^1], 1), Math.Round(rss.Max(), 1),
            Math.Round(peakRss, 1), gen0, precision, TcmallocPreload.Describe(), memoryFormat);
    }

    public string Describe() => string.Create(CultureInfo.InvariantCulture,
        $"{Method}/{Model} batch {BatchSize} {Input}, {Precision}, {MemoryFormat}, {Threads} threads: median {MedianStepMs:F1} ms/step (p10 {P10StepMs:F1}, p90 {P90StepMs:F1}) = {ImagesPerSecond:F1} img/s over {Steps} steps; RSS {RssFirstMb:F0} → {RssLastMb:F0} MB (max {RssMaxMb:F0}, peak {PeakRssMb:F0}); {Gen0Collections} gen-0 GCs; {Runtime}");
}
