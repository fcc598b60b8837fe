using System.Diagnostics;
using ActorSsl.Cli.CommandLine;
using ActorSsl.Cli.Reporting;
using ActorSsl.Training;
using ActorSsl.Training.Benchmarks;
using ActorSsl.Training.Loop;
using ActorSsl.Training.Methods;
using ActorSsl.Training.Models;
using TorchSharp;
using static TorchSharp.torch;

namespace ActorSsl.Cli.Bench;

/// <summary>
/// <c>actorssl bench step</c>: the training step alone, on pre-made synthetic batches (no pipeline, no actors),
/// so that it can be compared with a PyTorch peer running the same model, batch, threads and MoCo queue.
/// </summary>
public static class StepBench
{
    public const string Help = """
        actorssl bench step [--model small-resnet|resnet18-cifar|resnet50] [--method plain|mocov2]
                            [--batch-size N] [--threads N] [--steps N] [--warmup N] [--image-size S]
                            [--channels C] [--onednn auto|on|off] [--precision fp32|bf16]
                            [--memory-format auto|channels-last|contiguous|both] [--device cpu|cuda:N] [--json PATH]

          plain: backbone → linear classifier → cross-entropy → SGD (the usual ResNet step benchmark).
          mocov2: the default preset's MoCo v2 step (queue 4096, projection 128→128→64, EMA 0.99, τ 0.2).
          Defaults: small-resnet, mocov2, batch 256, 1×28² (resnet18-cifar: 3×32², resnet50: 3×224²),
          threads = cores, 30 timed steps after 5 warm-up steps. --precision bf16: the backbone in bfloat16 mixed
          precision (actorssl.train.precision). --memory-format: the activations' layout (actorssl.train.memory-format;
          auto = channels-last on the CPU with oneDNN); both: a contiguous and a channels-last step built alike and
          run interleaved in this process (order swapped every step), with the speed-up and how many paired steps
          channels-last won (RSS figures are then the process's, holding both).
        """;

    private static readonly HashSet<string> Options =
        ["model", "method", "batch-size", "threads", "steps", "warmup", "image-size", "channels", "onednn", "precision", "memory-format", "device", "json"];

    /// <summary>On a thread of its own, like the trainer's training thread (see <see cref="BenchThread"/>).</summary>
    public static int Run(IReadOnlyList<string> argv) => BenchThread.Run("actorssl-bench", () => RunOnThisThread(argv));

    private static int RunOnThisThread(IReadOnlyList<string> argv)
    {
        var args = CliArguments.Parse("bench step", argv, Options);
        var model = args.String("model") ?? "small-resnet";
        var method = args.String("method") ?? "mocov2";
        if (method is not ("plain" or "mocov2")) throw new CliException($"actorssl bench step: --method '{method}' must be plain or mocov2");
        var (defaultChannels, defaultSize) = model switch
        {
            "small-resnet" => (1, 28),
            "resnet18-cifar" => (3, 32),
            "resnet50" => (3, 224),
            _ => throw new CliException($"actorssl bench step: --model '{model}' must be small-resnet, resnet18-cifar or resnet50"),
        };
        var batchSize = args.Int("batch-size", 1) ?? (model == "resnet18-cifar" ? 128 : 256);
        var threads = args.Int("threads", 1) ?? Environment.ProcessorCount;
        var steps = args.Int("steps", 1) ?? 30;
        var warmup = args.Int("warmup", 0) ?? 5;
        var size = args.Int("image-size", 8) ?? defaultSize;
        var channels = args.Int("channels", 1) ?? defaultChannels;
        var onednn = args.String("onednn") ?? "auto";
        var device = args.String("device") ?? "cpu";
        var precision = args.String("precision") ?? "fp32";
        if (precision is not ("fp32" or "bf16")) throw new CliException($"actorssl bench step: --precision '{precision}' must be fp32 or bf16");
        var memoryFormat = args.String("memory-format") ?? "auto";
        if (memoryFormat != "both" && !ChannelsLast.Modes.Contains(memoryFormat))
            throw new CliException($"actorssl bench step: --memory-format '{memoryFormat}' must be one of {string.Join(", ", ChannelsLast.Modes)} or both");

        TorchRuntime.EnsureAvailable();
        GlibcMalloc.TuneForTraining();
        torch.set_num_threads(threads);
        torch.manual_seed(0);
        var batches = new SyntheticBatches(batchSize, 2, channels, size);
        var total = warmup + steps;
        if (method == "plain" && onednn != "auto") OneDnn.Enabled = onednn == "on";

        // One step per layout: "both" builds the two (same initial weights) and interleaves them step by step, the
        // order swapped every step, so that both see the same machine state.
        (Func<long, double> Step, IDisposable Owner, bool ChannelsLast) Build(string layout)
        {
            if (method == "mocov2")
            {
                var session = new TrainingSession(new TrainingOptions
                {
                    Backbone = model, InChannels = channels, ImageSize = size, Device = device, OneDnnMode = onednn, Threads = threads, Precision = precision,
                    MemoryFormat = layout, TotalSteps = total, StepsPerEpoch = total, MoCo = new MoCoV2Options(),
                    Mean = Enumerable.Repeat(0.5f, channels).ToArray(), Std = Enumerable.Repeat(0.25f, channels).ToArray(),
                });
                return (i =>
                {
                    using var batch = batches.Next(i);
                    return session.Step(batch).Loss;
                }, session, session.ChannelsLast);
            }
            var selected = DeviceSelector.Select(device);
            var cpu = selected.type == DeviceType.CPU;
            var channelsLast = ChannelsLast.Decide(layout, cpu, cpu && OneDnn.Enabled);
            torch.manual_seed(0);
            var plain = new PlainClassifierStep(model, channels, 10, batchSize, selected, precision: precision, channelsLast: channelsLast);
            return (i =>
            {
                using var batch = batches.Next(i);
                return plain.Step(batch, 0.05);
            }, plain, channelsLast);
        }

        var runs = (memoryFormat == "both" ? ["contiguous", "channels-last"] : new[] { memoryFormat }).Select(Build).ToArray();
        var times = runs.Select(_ => new List<double>(steps)).ToArray();
        var rss = runs.Select(_ => new List<double>(steps)).ToArray();
        var gen0 = 0;
        try
        {
            for (var i = 0; i < total; i++)
            {
                if (i == warmup) gen0 = GC.CollectionCount(0);
                for (var k = 0; k < runs.Length; k++)
                {
                    var r = i % 2 == 0 ? k : runs.Length - 1 - k;
                    var clock = Stopwatch.StartNew();
                    runs[r].Step(i);
                    if (i < warmup) continue;
                    times[r].Add(clock.Elapsed.TotalMilliseconds);
                    rss[r].Add(ProcessMemory.CurrentRssMb());
                }
            }
        }
        finally
        {
            foreach (var run in runs) run.Owner.Dispose();
        }

        var results = runs.Select((run, r) => StepBenchResult.From(model, method, batchSize, threads, channels, size, TorchRuntime.Describe(),
            times[r], rss[r], ProcessMemory.PeakRssMb(), GC.CollectionCount(0) - gen0, precision,
            ChannelsLast.Name(run.ChannelsLast))).ToArray();
        foreach (var result in results) Console.WriteLine(result.Describe());
        var path = args.String("json");
        if (results.Length == 1)
        {
            if (path != null) JsonReport.Write(path, results[0]);
            return 0;
        }
        var comparison = MemoryFormatComparison.From(results[0], results[1], times[0], times[1]);
        Console.WriteLine(comparison.Describe());
        if (path != null) JsonReport.Write(path, comparison);
        return 0;
    }
}
