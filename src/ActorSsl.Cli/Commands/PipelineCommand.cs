using System.Globalization;
using Akka.Actor;
using ActorSsl.Actors;
using ActorSsl.Actors.Coordination;
using ActorSsl.Cli.CommandLine;
using ActorSsl.Cli.Reporting;
using ActorSsl.Core.Settings;
using ActorSsl.Core.Sources;

namespace ActorSsl.Cli.Commands;

/// <summary>
/// <c>actorssl pipeline</c>: drives loader → augmentation workers → inbox into a draining consumer (no
/// training), shows live progress and writes a summary JSON with throughput, accounting and memory.
/// </summary>
public static class PipelineCommand
{
    public const string Help = """
        actorssl pipeline [--data fashion-mnist|PATH] [--epochs N] [--workers N] [--batch-size N]
                          [--max-samples N] [--image-size N] [--channels 1|3] [--seed N]
                          [--config FILE] [--set key=value]... [--summary-json PATH]

          Runs the data pipeline alone (loading, decoding, two-view augmentation, in-order batching)
          into a consumer that drops every batch, and reports pairs/s, exact per-epoch accounting,
          skipped files and peak RSS. --data PATH reads an image folder; --config picks a preset
          from hocon/; --set overrides any key of reference.conf (without the 'actorssl.' prefix).
        """;

    /// <param name="node">Set when a cluster node runs this job (<c>actorssl node --roles …trainer</c>): its cluster layer.</param>
    public static async Task<int> RunAsync(IReadOnlyList<string> argv, CancellationToken cancel, NodeContext? node = null)
    {
        var args = CliArguments.Parse("pipeline", argv, RunConfiguration.Options.Append("summary-json").ToHashSet());
        var config = RunConfiguration.Build(args);
        var settings = ActorSslSettings.Create(config);
        using var source = SampleSourceFactory.Open(settings.Data, settings.Run.MaxSamples);

        Console.Error.WriteLine($"actorssl pipeline: {source.Name}, {source.Count:N0} samples × {settings.Run.Epochs} epoch(s), " +
                                $"{settings.Augment.Workers} worker(s), {settings.Augment.Views} views of {source.Channels}×{settings.Augment.ImageSize}², batch {settings.Pipeline.BatchSize}");

        var system = node == null ? CliActorSystem.Create(config) : node.CreateSystem(config);
        var stats = new DrainStats();
        RunReport? report = null;
        var cancelled = false;
        try
        {
            var pipeline = ActorSslPipeline.Start(system, settings, source);
            var totalBatches = (long)pipeline.BatchesPerEpoch * pipeline.Epochs;
            await using (var progress = new ProgressLine(() => Render(stats, totalBatches, pipeline.Epochs), TimeSpan.FromSeconds(1)))
            {
                progress.Start();
                try
                {
                    await foreach (var batch in pipeline.Batches.ReadAllAsync(cancel))
                    {
                        stats.Add(batch.Epoch, batch.Count);
                        batch.Dispose();
                    }
                    report = await pipeline.Completion.WaitAsync(TimeSpan.FromSeconds(30), cancel);
                }
                catch (OperationCanceledException) when (cancel.IsCancellationRequested)
                {
                    cancelled = true;
                }
                stats.Finish();
            }
            await pipeline.DisposeAsync();
        }
        finally
        {
            await system.Terminate();
        }

        var summary = PipelineSummary.Create(settings, source, stats, report, cancelled);
        Console.Error.WriteLine(summary.Describe());
        if (args.String("summary-json") is { } path) summary.Write(path);
        if (cancelled) return 130;
        return summary.MissingSamples == 0 ? 0 : 1;
    }

    private static string Render(DrainStats stats, long totalBatches, int epochs)
    {
        var seconds = Math.Max(1e-9, stats.Elapsed.TotalSeconds);
        var rate = stats.Samples / seconds;
        var done = totalBatches == 0 ? 1.0 : (double)stats.Batches / totalBatches;
        var eta = done > 0 ? TimeSpan.FromSeconds(seconds * (1 - done) / done) : TimeSpan.Zero;
        return string.Create(CultureInfo.InvariantCulture,
            $"epoch {Math.Max(1, stats.Epoch)}/{epochs}  batch {stats.Batches}/{totalBatches} ({done:P0})  {rate:N0} pairs/s  rss {ProcessMemory.CurrentRssMb():N0} MB  eta {eta:hh\\:mm\\:ss}");
    }
}
