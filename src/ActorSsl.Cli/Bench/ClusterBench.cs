using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using System.Text.Json.Serialization;
using ActorSsl.Cli.CommandLine;
using ActorSsl.Cli.Reporting;

namespace ActorSsl.Cli.Bench;

/// <summary>
/// <c>actorssl bench cluster</c>: the cluster as users run it, on this machine — a seed+trainer node process running
/// the draining pipeline with no local augmentation, fed by N augment node processes — and the pairs/s it reached.
/// </summary>
public static class ClusterBench
{
    public const string Help = """
        actorssl bench cluster --augment-nodes N [--workers-per-node W] [--data fashion-mnist|PATH] [--image-size S]
                               [--max-samples M] [--epochs E] [--batch-size B] [--set key=value]... [--timeout SECONDS]
                               [--verbose] [--json PATH]

          Starts `actorssl node --roles seed,trainer --job pipeline --workers 0` on a free loopback port and N
          `actorssl node --roles augment --port 0 --once --workers W` processes (default W = 1), waits for the
          trainer's pipeline summary and reports pairs/s, missing and duplicate samples. --set goes to the trainer
          (the run's configuration reaches the augment nodes with the run offer).
          The augment nodes start once the trainer node listens.
          pairs/s is the steady state: the consumer's rate from the batch at 20% of the run to the one at 90%
          (start-up, the reorder window's work ahead and the last leases' tail left out); the whole run's rate,
          the rate after the first batch and per-epoch rates are reported too.
          Defaults: Fashion-MNIST upscaled to 224 px (1×224² views: augmentation dominates, not the consumer),
          4096 samples, 2 epochs, batch 256, timeout 600 s. --data PATH reads an image folder instead.
          --verbose shows every line of every node (Akka's log included); otherwise only the trainer's own lines.
        """;

    private static readonly HashSet<string> Options =
        ["augment-nodes", "workers-per-node", "data", "image-size", "max-samples", "epochs", "batch-size", "set", "timeout", "json"];

    private static readonly HashSet<string> Flags = ["verbose"];

    public static async Task<int> RunAsync(IReadOnlyList<string> argv, CancellationToken cancel)
    {
        var args = CliArguments.Parse("bench cluster", argv, Options, Flags);
        var verbose = args.Has("verbose");
        var nodes = args.Int("augment-nodes", 1) ?? throw new CliException("actorssl bench cluster: --augment-nodes N is required (N ≥ 1)");
        var workers = args.Int("workers-per-node", 1) ?? 1;
        var data = args.String("data") ?? "fashion-mnist";
        var size = args.Int("image-size", 8) ?? 224;
        var maxSamples = args.Int("max-samples", 1) ?? 4096;
        var epochs = args.Int("epochs", 1) ?? 2;
        var batch = args.Int("batch-size", 1) ?? 256;
        var timeout = TimeSpan.FromSeconds(args.Int("timeout", 1) ?? 600);
        if (!data.Equals("fashion-mnist", StringComparison.OrdinalIgnoreCase) && !Directory.Exists(data))
            throw new CliException($"actorssl bench cluster: --data '{data}' is neither fashion-mnist nor a folder");

        var work = Directory.CreateTempSubdirectory("actorssl-bench-cluster-");
        var summaryPath = Path.Combine(work.FullName, "summary.json");
        var port = FreePort();
        var seed = $"akka.tcp://actorssl@127.0.0.1:{port}";
        var invariant = CultureInfo.InvariantCulture;
        var trainerArgs = new List<string>
        {
            "node", "--roles", "seed,trainer", "--job", "pipeline", "--port", port.ToString(invariant), "--workers", "0",
            "--data", data, "--image-size", size.ToString(invariant), "--max-samples", maxSamples.ToString(invariant),
            "--epochs", epochs.ToString(invariant), "--batch-size", batch.ToString(invariant), "--summary-json", summaryPath,
        };
        foreach (var assignment in args.All("set")) trainerArgs.AddRange(["--set", assignment]);

        Console.Error.WriteLine($"actorssl bench cluster: trainer node on {seed} (pipeline job, no local workers), " +
                                $"{nodes} augment node(s) × {workers} worker(s); {data}, {maxSamples} samples × {epochs} epoch(s) at {size} px");
        var processes = new List<BenchProcess>();
        try
        {
            // The trainer's own lines (progress, summary) are shown as they come; Akka's log lines only on failure.
            // Augment nodes start once the trainer listens: one that tries the seed earlier finds its address gated
            // for 5 s and retries the join only about 10 s later.
            var listening = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var trainer = new BenchProcess("trainer", trainerArgs, line =>
            {
                if (line.StartsWith("actorssl node: akka.", StringComparison.Ordinal)) listening.TrySetResult();
                if (verbose || !line.StartsWith('[')) Console.Error.WriteLine($"  [trainer] {line}");
            });
            processes.Add(trainer);
            var trainerExited = trainer.WaitForExitAsync(timeout, cancel);
            await Task.WhenAny(listening.Task, trainerExited);
            cancel.ThrowIfCancellationRequested();
            if (!listening.Task.IsCompleted)
                throw new CliException($"actorssl bench cluster: the trainer node did not start (exit {trainer.ExitCode})\n{trainer.Tail()}");
            for (var i = 1; i <= nodes; i++)
            {
                var name = $"augment-{i}";
                processes.Add(new BenchProcess(name,
                    ["node", "--roles", "augment", "--port", "0", "--seed-nodes", seed, "--once", "--workers", workers.ToString(invariant)],
                    line =>
                    {
                        if (verbose) Console.Error.WriteLine($"  [{name}] {line}");
                    }));
            }

            if (!await trainerExited)
                throw new CliException($"actorssl bench cluster: the trainer did not finish within {timeout.TotalSeconds:F0} s\n{Tails(processes)}");
            if (!File.Exists(summaryPath))
                throw new CliException($"actorssl bench cluster: the trainer exited with {trainer.ExitCode} and wrote no summary\n{Tails(processes)}");
            var augment = processes.Skip(1).ToList();
            foreach (var node in augment)
                if (!await node.WaitForExitAsync(TimeSpan.FromSeconds(30), cancel)) node.Kill();

            var served = augment.Count(p => p.Output.Contains("Serving run", StringComparison.Ordinal));
            using var summary = JsonDocument.Parse(File.ReadAllText(summaryPath));
            var result = ClusterBenchResult.From(summary.RootElement, nodes, workers, served, trainer.ExitCode,
                Math.Round(trainer.CpuSeconds(), 1), augment.Select(p => Math.Round(p.CpuSeconds(), 1)).ToList());
            Console.WriteLine(result.Describe());
            if (args.String("json") is { } path) JsonReport.Write(path, result);
            return 0;
        }
        catch (OperationCanceledException) when (cancel.IsCancellationRequested)
        {
            Console.Error.WriteLine("actorssl bench cluster: cancelled");
            return 130;
        }
        finally
        {
            foreach (var process in processes) process.Dispose();
            try { work.Delete(recursive: true); }
            catch (IOException) { }
        }
    }

    private static string Tails(IEnumerable<BenchProcess> processes) => string.Join('\n', processes.Select(p => p.Tail(20)));

    private static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}

/// <summary>What <c>actorssl bench cluster</c> measured, from the trainer node's pipeline summary.</summary>
public sealed record ClusterBenchResult(
    [property: JsonPropertyName("augment_nodes")] int AugmentNodes,
    [property: JsonPropertyName("augment_nodes_served")] int AugmentNodesServed,
    [property: JsonPropertyName("workers_per_node")] int WorkersPerNode,
    [property: JsonPropertyName("source")] string Source,
    [property: JsonPropertyName("input")] string Input,
    [property: JsonPropertyName("samples")] long Samples,
    [property: JsonPropertyName("epochs")] int Epochs,
    [property: JsonPropertyName("batch_size")] int BatchSize,
    [property: JsonPropertyName("pairs_per_second")] double PairsPerSecond,
    [property: JsonPropertyName("pairs_per_second_whole_run")] double PairsPerSecondWholeRun,
    [property: JsonPropertyName("pairs_per_second_after_first_batch")] double PairsPerSecondAfterFirstBatch,
    [property: JsonPropertyName("first_batch_seconds")] double FirstBatchSeconds,
    [property: JsonPropertyName("seconds")] double Seconds,
    [property: JsonPropertyName("per_epoch_pairs_per_second")] IReadOnlyList<double> PerEpochPairsPerSecond,
    [property: JsonPropertyName("missing_samples")] long MissingSamples,
    [property: JsonPropertyName("duplicate_samples")] long DuplicateSamples,
    [property: JsonPropertyName("trainer_exit_code")] int TrainerExitCode,
    [property: JsonPropertyName("trainer_cpu_seconds")] double TrainerCpuSeconds,
    [property: JsonPropertyName("augment_cpu_seconds")] IReadOnlyList<double> AugmentCpuSeconds)
{
    public static ClusterBenchResult From(JsonElement summary, int nodes, int workers, int served, int exitCode,
        double trainerCpu, IReadOnlyList<double> augmentCpu)
    {
        var epochs = summary.GetProperty("per_epoch").EnumerateArray().Select(e => e.GetProperty("pairs_per_second").GetDouble()).ToList();
        var size = summary.GetProperty("image_size").GetInt32();
        return new ClusterBenchResult(nodes, served, workers, summary.GetProperty("source").GetString() ?? "",
            $"{summary.GetProperty("channels").GetInt32()}x{size}x{size}", summary.GetProperty("samples").GetInt64(),
            summary.GetProperty("epochs").GetInt32(), summary.GetProperty("batch_size").GetInt32(),
            summary.GetProperty("steady_pairs_per_second").GetDouble(), summary.GetProperty("pairs_per_second").GetDouble(),
            summary.GetProperty("pairs_per_second_after_first_batch").GetDouble(), summary.GetProperty("first_batch_seconds").GetDouble(),
            summary.GetProperty("seconds").GetDouble(), epochs,
            summary.GetProperty("missing_samples").GetInt64(), summary.GetProperty("duplicate_samples").GetInt64(), exitCode, trainerCpu, augmentCpu);
    }

    public string Describe() => string.Create(CultureInfo.InvariantCulture,
        $"{AugmentNodes} augment node(s) × {WorkersPerNode} worker(s) ({AugmentNodesServed} served): {PairsPerSecond:F1} pairs/s steady (batches at 20–90% of the run); " +
        $"whole run {PairsPerSecondWholeRun:F1} pairs/s over {Seconds:F1} s, first batch after {FirstBatchSeconds:F1} s, " +
        $"{PairsPerSecondAfterFirstBatch:F1} pairs/s after it; per epoch [{string.Join(", ", PerEpochPairsPerSecond.Select(r => r.ToString("F1", CultureInfo.InvariantCulture)))}]; " +
        $"{Samples} samples of {Input} ({Source}), batch {BatchSize}; missing {MissingSamples}, duplicates {DuplicateSamples}, trainer exit {TrainerExitCode}; " +
        $"CPU s: trainer {TrainerCpuSeconds:F1}, augment [{string.Join(", ", AugmentCpuSeconds.Select(c => c.ToString("F1", CultureInfo.InvariantCulture)))}]");
}
