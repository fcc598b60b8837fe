using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using ActorSsl.Actors.Coordination;
using ActorSsl.Core.Settings;
using ActorSsl.Data;
using ActorSsl.Training;
using ActorSsl.Training.Loop;
using ActorSsl.Training.Models;

namespace ActorSsl.Cli.Reporting;

/// <summary>The summary of an <c>actorssl train</c> run, as printed and as written to --summary-json.</summary>
public sealed record TrainSummary(
    [property: JsonPropertyName("method")] string Method,
    [property: JsonPropertyName("backbone")] string Backbone,
    [property: JsonPropertyName("precision")] string Precision,
    [property: JsonPropertyName("memory_format")] string MemoryFormat,
    [property: JsonPropertyName("data")] string Data,
    [property: JsonPropertyName("epochs")] int Epochs,
    [property: JsonPropertyName("steps")] long Steps,
    [property: JsonPropertyName("steps_this_process")] long StepsThisProcess,
    [property: JsonPropertyName("batch_size")] int BatchSize,
    [property: JsonPropertyName("images_per_second")] double ImagesPerSecond,
    [property: JsonPropertyName("trainer_wait_fraction")] double TrainerWaitFraction,
    [property: JsonPropertyName("median_step_ms")] double MedianStepMs,
    [property: JsonPropertyName("seconds")] double Seconds,
    [property: JsonPropertyName("final_loss")] double? FinalLoss,
    [property: JsonPropertyName("knn_top1_per_epoch")] IReadOnlyList<EpochKnn> KnnTop1PerEpoch,
    [property: JsonPropertyName("knn_top1")] double? KnnTop1,
    [property: JsonPropertyName("raw_pixel_knn_top1")] double? RawPixelKnnTop1,
    [property: JsonPropertyName("missing_samples")] long MissingSamples,
    [property: JsonPropertyName("duplicate_samples")] long DuplicateSamples,
    [property: JsonPropertyName("skipped_files")] IReadOnlyList<SkippedFile> SkippedFiles,
    [property: JsonPropertyName("peak_rss_mb")] double PeakRssMb,
    [property: JsonPropertyName("allocator")] string Allocator,
    [property: JsonPropertyName("checkpoint")] string? Checkpoint,
    [property: JsonPropertyName("completed")] bool Completed,
    [property: JsonPropertyName("cancelled")] bool Cancelled,
    [property: JsonPropertyName("error")] string? Error)
{
    public static TrainSummary Create(ActorSslSettings settings, TrainingOptions options, ISampleSource source, RunReport report,
        KnnMonitor? knn, TimeSpan elapsed, double peakRssMb, bool cancelled)
    {
        var t = report.Training ?? new TrainingTally();
        var busySeconds = (t.StepMilliseconds + t.WaitMilliseconds) / 1000;
        var perEpoch = t.Evaluations.Select(e => new EpochKnn(e.Epoch, Math.Round(e.KnnTop1, 2))).ToList();
        var error = t.Finished?.Error is { Length: > 0 } e ? e : null;
        return new TrainSummary(
            options.Method, options.Backbone, options.Precision, ChannelsLast.Name(TrainingSession.UsesChannelsLast(options)), source.Name, settings.Run.Epochs, t.Last is { } last ? last.Step + 1 : 0, t.Steps,
            settings.Pipeline.BatchSize,
            Math.Round(busySeconds > 0 ? t.Samples / busySeconds : 0, 1),
            Math.Round(t.WaitFraction, 4),
            Math.Round(t.MedianStepMilliseconds, 1),
            Math.Round(elapsed.TotalSeconds, 1),
            t.Last?.Loss,
            perEpoch,
            perEpoch.Count > 0 ? perEpoch[^1].Top1 : null,
            knn?.RawPixelTop1 is { } raw ? Math.Round(raw, 2) : null,
            report.Missing, report.Duplicates,
            report.Skipped.Select(s => new SkippedFile(s.Source, s.Reason)).ToList(),
            Math.Round(peakRssMb, 1),
            TcmallocPreload.Describe(),
            t.LastCheckpoint?.Path,
            t.Finished?.Completed ?? false,
            cancelled,
            error);
    }

    public string Describe()
    {
        var lines = new List<string>
        {
            string.Create(CultureInfo.InvariantCulture,
                $"{Method}/{Backbone} ({Precision}, {MemoryFormat}): {Steps} steps ({StepsThisProcess} in this process) in {Seconds:N0} s, {ImagesPerSecond:N0} img/s (median step {MedianStepMs:F0} ms), trainer waited {TrainerWaitFraction:P1}, final loss {FinalLoss:F3}"),
            string.Create(CultureInfo.InvariantCulture,
                $"kNN top-1 per epoch: {string.Join(", ", KnnTop1PerEpoch.Select(k => $"{k.Epoch}: {k.Top1:F2}%"))}; raw pixels {RawPixelKnnTop1:F2}%"),
            $"missing {MissingSamples}, duplicates {DuplicateSamples}, skipped {SkippedFiles.Count}, peak RSS {PeakRssMb:N0} MB ({Allocator}), checkpoint {Checkpoint}",
        };
        if (Error != null) lines.Add("training failed: " + Error);
        else if (Cancelled) lines.Add($"stopped on request; continue with --resume {Checkpoint}");
        return string.Join(Environment.NewLine, lines);
    }

    public void Write(string path) => JsonReport.Write(path, this);
}

public sealed record EpochKnn([property: JsonPropertyName("epoch")] int Epoch, [property: JsonPropertyName("top1")] double Top1);
