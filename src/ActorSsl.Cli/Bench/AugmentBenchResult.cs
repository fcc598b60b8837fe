using System.Globalization;
using System.Text.Json.Serialization;

namespace ActorSsl.Cli.Bench;

/// <summary>What <c>actorssl bench augment</c> measured. Times per pair are one worker's: load (decode or copy) and both views' rendering.</summary>
public sealed record AugmentBenchResult(
    [property: JsonPropertyName("size")] int Size,
    [property: JsonPropertyName("channels")] int Channels,
    [property: JsonPropertyName("source")] string Source,
    [property: JsonPropertyName("config")] string Config,
    [property: JsonPropertyName("workers")] int Workers,
    [property: JsonPropertyName("pairs")] long Pairs,
    [property: JsonPropertyName("seconds")] double Seconds,
    [property: JsonPropertyName("pairs_per_second")] double PairsPerSecond,
    [property: JsonPropertyName("pairs_per_second_per_worker")] double PairsPerSecondPerWorker,
    [property: JsonPropertyName("decode_ms_per_pair")] double DecodeMsPerPair,
    [property: JsonPropertyName("render_ms_per_pair")] double RenderMsPerPair,
    [property: JsonPropertyName("runtime")] string Runtime)
{
    internal static AugmentBenchResult From(int size, int channels, string source, string config, int workers, AugmentBenchRun.Totals totals, string runtime)
    {
        var pairs = Math.Max(totals.Pairs, 1); // per-pair times of an empty run are reported as totals, not NaN
        var perSecond = totals.Pairs / totals.Seconds;
        return new AugmentBenchResult(size, channels, source, config, workers, totals.Pairs, Math.Round(totals.Seconds, 3),
            Math.Round(perSecond, 1), Math.Round(perSecond / workers, 1),
            Math.Round(totals.LoadSeconds * 1000 / pairs, 6), Math.Round(totals.RenderSeconds * 1000 / pairs, 6), runtime);
    }

    public string Describe() => string.Create(CultureInfo.InvariantCulture,
        $"two-view augmentation at {Size} px ({Channels} ch) from {Source}, {Workers} worker(s): {PairsPerSecond:F1} pairs/s ({PairsPerSecondPerWorker:F1} per worker), {Pairs} pairs in {Seconds:F2} s; per pair {DecodeMsPerPair:F4} ms decode + {RenderMsPerPair:F4} ms render; {Runtime}");
}
