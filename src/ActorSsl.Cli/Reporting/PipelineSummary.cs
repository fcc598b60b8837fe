using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using ActorSsl.Actors.Coordination;
using ActorSsl.Core.Settings;
using ActorSsl.Data;

namespace ActorSsl.Cli.Reporting;

/// <summary>The summary of an <c>actorssl pipeline</c> run, as printed and as written to --summary-json.</summary>
public sealed record PipelineSummary(
    [property: JsonPropertyName("source")] string Source,
    [property: JsonPropertyName("samples")] long Samples,
    [property: JsonPropertyName("epochs")] int Epochs,
    [property: JsonPropertyName("epochs_completed")] int EpochsCompleted,
    [property: JsonPropertyName("workers")] int Workers,
    [property: JsonPropertyName("image_size")] int ImageSize,
    [property: JsonPropertyName("channels")] int Channels,
    [property: JsonPropertyName("batch_size")] int BatchSize,
    [property: JsonPropertyName("seconds")] double Seconds,
    [property: JsonPropertyName("pairs_per_second")] double PairsPerSecond,
    [property: JsonPropertyName("pairs_per_second_per_worker")] double PairsPerSecondPerWorker,
    [property: JsonPropertyName("first_batch_seconds")] double FirstBatchSeconds,
    [property: JsonPropertyName("pairs_per_second_after_first_batch")] double PairsPerSecondAfterFirstBatch,
    [property: JsonPropertyName("steady_pairs_per_second")] double SteadyPairsPerSecond,
    [property: JsonPropertyName("missing_samples")] long MissingSamples,
    [property: JsonPropertyName("duplicate_samples")] long DuplicateSamples,
    [property: JsonPropertyName("skipped_files")] IReadOnlyList<SkippedFile> SkippedFiles,
    [property: JsonPropertyName("peak_rss_mb")] double PeakRssMb,
    [property: JsonPropertyName("per_epoch")] IReadOnlyList<EpochSummary> PerEpoch,
    [property: JsonPropertyName("cancelled")] bool Cancelled)
{
    public static PipelineSummary Create(ActorSslSettings settings, ISampleSource source, DrainStats stats, RunReport? report, bool cancelled)
    {
        var seconds = stats.Elapsed.TotalSeconds;
        var rate = seconds > 0 ? stats.Samples / seconds : 0;
        var timeline = stats.Timeline;
        // Without the start-up (actor system, cluster formation, augment nodes joining, first leases) before the first batch.
        var first = timeline.Count > 0 ? timeline[0].Seconds : 0;
        var afterFirst = timeline.Count > 1 ? Rate(timeline[0], timeline[^1]) : 0;
        // Steady state: from the batch at 20% of the run to the one at 90%. Both ends lie inside the full pipeline, so
        // neither the start-up nor the work done ahead within the reorder window (up to a whole short epoch) nor the
        // last leases' tail bends the rate the way they bend per-epoch figures.
        var steady = timeline.Count >= 5 ? Rate(timeline[(int)(timeline.Count * 0.2)], timeline[(int)Math.Ceiling(timeline.Count * 0.9) - 1]) : afterFirst;
        var epochs = new List<EpochSummary>();
        var previous = (Samples: 0L, Seconds: 0.0);
        foreach (var mark in stats.Epochs)
        {
            var closed = report?.Epochs.FirstOrDefault(e => e.Epoch == mark.Epoch);
            var span = mark.SecondsSoFar - previous.Seconds;
            epochs.Add(new EpochSummary(mark.Epoch, mark.SamplesSoFar - previous.Samples, closed?.Missing ?? -1, closed?.Duplicates ?? 0,
                closed?.Skipped ?? 0, Math.Round(span, 3), span > 0 ? Math.Round((mark.SamplesSoFar - previous.Samples) / span, 1) : 0,
                Math.Round(mark.RssMb, 1), Math.Round(mark.PeakRssMb, 1)));
            previous = (mark.SamplesSoFar, mark.SecondsSoFar);
        }
        var planned = (long)settings.Run.Epochs * Data.Epochs.EpochPlan.PlannedPerEpoch(source.Count, settings.Pipeline.BatchSize, settings.Pipeline.DropLast);
        // Missing = what the run planned and never delivered (0 for a complete run; the inbox's own per-epoch
        // tallies are the authority, the consumer's count covers a run that stopped early).
        var skippedCount = report?.Epochs.Sum(e => (long)e.Skipped) ?? 0;
        var missing = report != null && !cancelled ? report.Missing : planned - stats.Samples - skippedCount;
        return new PipelineSummary(
            source.Name, stats.Samples, settings.Run.Epochs, report?.Epochs.Count ?? 0, settings.Augment.Workers,
            settings.Augment.ImageSize, source.Channels, settings.Pipeline.BatchSize, Math.Round(seconds, 3), Math.Round(rate, 1),
            // A cluster trainer node may run with 0 local workers (JSON has no infinity).
            settings.Augment.Workers > 0 ? Math.Round(rate / settings.Augment.Workers, 1) : 0, Math.Round(first, 3), Math.Round(afterFirst, 1), Math.Round(steady, 1), missing, report?.Duplicates ?? 0,
            report?.Skipped.Select(s => new SkippedFile(s.Source, s.Reason)).ToList() ?? new List<SkippedFile>(),
            Math.Round(Math.Max(ProcessMemory.PeakRssMb(), epochs.Select(e => e.PeakRssMb).DefaultIfEmpty(0).Max()), 1),
            epochs, cancelled);
    }

    private static double Rate((double Seconds, long Samples) from, (double Seconds, long Samples) to) =>
        to.Seconds > from.Seconds ? (to.Samples - from.Samples) / (to.Seconds - from.Seconds) : 0;

    public string Describe()
    {
        var lines = new List<string>
        {
            string.Create(CultureInfo.InvariantCulture,
                $"{Samples:N0} samples in {Seconds:N1} s: {PairsPerSecond:N0} pairs/s ({PairsPerSecondPerWorker:N0} per worker, {Workers} workers, {Channels}×{ImageSize}²); " +
                $"first batch after {FirstBatchSeconds:N1} s, {PairsPerSecondAfterFirstBatch:N0} pairs/s after it, {SteadyPairsPerSecond:N0} pairs/s steady (20–90% of the batches)"),
            $"missing {MissingSamples}, duplicates {DuplicateSamples}, skipped {SkippedFiles.Count}, peak RSS {PeakRssMb:N0} MB" + (Cancelled ? " (cancelled)" : ""),
        };
        lines.AddRange(PerEpoch.Select(e => string.Create(CultureInfo.InvariantCulture,
            $"  epoch {e.Epoch}: {e.Samples:N0} samples, {e.PairsPerSecond:N0} pairs/s, missing {e.Missing}, duplicates {e.Duplicates}, rss {e.RssMb:N0} MB, peak {e.PeakRssMb:N0} MB")));
        lines.AddRange(SkippedFiles.Take(20).Select(s => $"  skipped {s.Path}: {s.Reason}"));
        if (SkippedFiles.Count > 20) lines.Add($"  … and {SkippedFiles.Count - 20} more skipped (see the summary JSON)");
        return string.Join(Environment.NewLine, lines);
    }

    public void Write(string path) => JsonReport.Write(path, this);
}

public sealed record SkippedFile([property: JsonPropertyName("path")] string Path, [property: JsonPropertyName("reason")] string Reason);

public sealed record EpochSummary(
    [property: JsonPropertyName("epoch")] int Epoch,
    [property: JsonPropertyName("samples")] long Samples,
    [property: JsonPropertyName("missing_samples")] int Missing,
    [property: JsonPropertyName("duplicate_samples")] int Duplicates,
    [property: JsonPropertyName("skipped_samples")] int Skipped,
    [property: JsonPropertyName("seconds")] double Seconds,
    [property: JsonPropertyName("pairs_per_second")] double PairsPerSecond,
    [property: JsonPropertyName("rss_mb_at_end")] double RssMb,
    [property: JsonPropertyName("peak_rss_mb")] double PeakRssMb);
