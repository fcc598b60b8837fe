using System.Globalization;
using System.Text.Json.Serialization;

namespace ActorSsl.Cli.Bench;

/// <summary>
/// What <c>actorssl bench step --memory-format both</c> measured: the same step contiguous and channels-last,
/// interleaved in one process, and how much faster channels-last was.
/// </summary>
public sealed record MemoryFormatComparison(
    [property: JsonPropertyName("contiguous")] StepBenchResult Contiguous,
    [property: JsonPropertyName("channels_last")] StepBenchResult ChannelsLast,
    [property: JsonPropertyName("channels_last_speedup")] double ChannelsLastSpeedup,
    [property: JsonPropertyName("channels_last_faster_pairs")] int ChannelsLastFasterPairs,
    [property: JsonPropertyName("pairs")] int Pairs)
{
    /// <summary>
    /// Speed-up = contiguous median ÷ channels-last median; a pair is step i of each (they ran back to back).
    /// </summary>
    public static MemoryFormatComparison From(StepBenchResult contiguous, StepBenchResult channelsLast,
        IReadOnlyList<double> contiguousTimes, IReadOnlyList<double> channelsLastTimes)
    {
        var pairs = Math.Min(contiguousTimes.Count, channelsLastTimes.Count);
        var faster = Enumerable.Range(0, pairs).Count(i => channelsLastTimes[i] < contiguousTimes[i]);
        return new MemoryFormatComparison(contiguous, channelsLast,
            Math.Round(contiguous.MedianStepMs / channelsLast.MedianStepMs, 3), faster, pairs);
    }

    public string Describe() => string.Create(CultureInfo.InvariantCulture,
        $"channels-last: {ChannelsLastSpeedup:F3}× the contiguous step's speed (median {Contiguous.MedianStepMs:F1} → {ChannelsLast.MedianStepMs:F1} ms), faster in {ChannelsLastFasterPairs} of {Pairs} paired steps");
}
