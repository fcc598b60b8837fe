using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Serialization;
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
                            [--memory-format auto|channels-last|contiguous] [--device cpu|cuda:N] [--json PATH]

          plain: backbone → linear classifier → cross-entropy → SGD (the usual ResNet step benchmark).
          mocov2: the default preset's MoCo v2 step (queue 4096, projection 128→128→64, EMA 0.99, τ 0.2).
          Defaults: small-resnet, mocov2, batch 256, 1×28² (resnet18-cifar: 3×32², resnet50: 3×224²),
          threads = cores, 30 timed steps after 5 warm-up steps. --precision bf16: the backbone in bfloat16 mixed
          precision (actorssl.train.precision). --memory-format: the activations' layout (actorssl.train.memory-format;
          auto = channels-last on the CPU with oneDNN).
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
        if (!ChannelsLast.Modes.Contains(memoryFormat))
            throw new CliException($"actorssl bench step: --memory-format '{memoryFormat}' must be one of {string.Join(", ", ChannelsLast.Modes)}");

        TorchRuntime.EnsureAvailable();
        GlibcMalloc.TuneForTraining();
        torch.set_num_threads(threads);
        torch.manual_seed(0);
        var batches = new SyntheticBatches(batchSize, 2, channels, size);
        var total = warmup + steps;
        Func<long, double> step;
        IDisposable owner;
        bool channelsLast;
        if (method == "mocov2")
        {
            var session = new TrainingSession(new TrainingOptions
            {
                Backbone = model, InChannels = channels, ImageSize = size, Device = device, OneDnnMode = onednn, Threads = threads, Precision = precision,
                MemoryFormat = memoryFormat,
                TotalSteps = total, StepsPerEpoch = total, MoCo = new MoCoV2Options(),
                Mean = Enumerable.Repeat(0.5f, channels).ToArray(), Std = Enumerable.Repeat(0.25f, channels).ToArray(),
            });
            owner = session;
            channelsLast = session.ChannelsLast;
            step = i =>
            {
                using var batch = batches.Next(i);
                return session.Step(batch).Loss;
            };
        }
        else
        {
            if (onednn != "auto") OneDnn.Enabled = onednn == "on";
            var selected = DeviceSelector.Select(device);
            var cpu = selected.type == DeviceType.CPU;
            channelsLast = ChannelsLast.Decide(memoryFormat, cpu, cpu && OneDnn.Enabled);
            var plain = new PlainClassifierStep(model, channels, 10, batchSize, selected, precision: precision, channelsLast: channelsLast);
            owner = plain;
            step = i =>
            {
                using var batch = batches.Next(i);
                return plain.Step(batch, 0.05);
            };
        }

        var times = new List<double>(steps);
        var rss = new List<double>(steps);
        var gen0 = 0;
        using (owner)
        {
            for (var i = 0; i < total; i++)
            {
                if (i == warmup) gen0 = GC.CollectionCount(0);
                var clock = Stopwatch.StartNew();
                step(i);
                if (i < warmup) continue;
                times.Add(clock.Elapsed.TotalMilliseconds);
                rss.Add(ProcessMemory.CurrentRssMb());
            }
        }

        var result = StepBenchResult.From(model, method, batchSize, threads, channels, size, TorchRuntime.Describe(), times, rss,
            ProcessMemory.PeakRssMb(), GC.CollectionCount(0) - gen0, precision,
            channelsLast ? "channels-last" : "contiguous");
        Console.WriteLine(result.Describe());
        if (args.String("json") is { } path) JsonReport.Write(path, result);
        return 0;
    }
}

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
