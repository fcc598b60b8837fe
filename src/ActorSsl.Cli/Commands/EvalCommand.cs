using System.Globalization;
using ActorSsl.Cli.CommandLine;
using ActorSsl.Core.Settings;
using ActorSsl.Core.Sources;
using ActorSsl.Training;
using ActorSsl.Training.Checkpoints;
using ActorSsl.Training.Evaluation;
using ActorSsl.Training.Loop;
using static TorchSharp.torch;

namespace ActorSsl.Cli.Commands;

/// <summary><c>actorssl eval</c>: kNN or linear-probe accuracy of a checkpoint's frozen backbone on labelled data.</summary>
public static class EvalCommand
{
    public const string Help = """
        actorssl eval --checkpoint PATH [--probe knn|linear] [--config FILE] [--data fashion-mnist|PATH]
                      [--summary-json PATH] [--set key=value]...

          knn: the weighted kNN monitor (cosine, k and T from actorssl.train.eval) with the train split as
          memory bank, reported on the test split. linear: logistic regression on the frozen, pooled features,
          trained on the train split, reported on the test split.
        """;

    public static int Run(IReadOnlyList<string> argv)
    {
        var args = CliArguments.Parse("eval", argv, RunConfiguration.Options.Concat(new[] { "checkpoint", "probe", "summary-json" }).ToHashSet());
        var checkpoint = args.String("checkpoint") ?? throw new CliException("actorssl eval: --checkpoint PATH is required");
        var probe = args.String("probe") ?? "knn";
        if (probe is not ("knn" or "linear")) throw new CliException($"actorssl eval: --probe '{probe}' must be knn or linear");
        var settings = ActorSslSettings.Create(RunConfiguration.Build(args, Presets.Find(TrainCommand.DefaultPreset)));
        TorchRuntime.EnsureAvailable();
        var device = DeviceSelector.Select(settings.Train.Device);

        using var train = SampleSourceFactory.Open(settings.Data with { Split = "train" }, settings.Run.MaxSamples);
        using var test = SampleSourceFactory.OpenEvaluation(settings.Data)
                         ?? throw new CliException("actorssl eval: no labelled evaluation data: set actorssl.data.eval-path to a class-per-folder directory");
        var (backbone, metadata) = BackboneLoader.Load(checkpoint, device);
        using var _ = backbone;
        var t = settings.Train;
        using var monitor = new KnnMonitor(train, test, settings.Augment.ImageSize, t.Mean, t.Std, t.KnnK, t.KnnTemperature, rawPixelBaseline: false);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        double top1;
        if (probe == "knn")
        {
            top1 = monitor.Evaluate(backbone, device, metadata.Epoch);
        }
        else
        {
            using var scope = NewDisposeScope();
            var (trainF, trainL, testF, testL, classes) = monitor.PooledFeatures(backbone, device);
            top1 = LinearProbe.Evaluate(trainF, trainL, testF, testL, classes, new LinearProbeOptions(Epochs: t.LinearEpochs, LearningRate: t.LinearLearningRate)).TestTop1;
        }
        var line = string.Create(CultureInfo.InvariantCulture,
            $"{probe} top-1 {top1:F2}% — {metadata.Backbone} from {checkpoint} (step {metadata.NextStep}), {train.Name} → {test.Name}, {clock.Elapsed.TotalSeconds:F1} s");
        Console.WriteLine(line);
        if (args.String("summary-json") is { } path)
        {
            Reporting.JsonReport.Write(path, new Dictionary<string, object>
            {
                ["probe"] = probe, ["top1"] = Math.Round(top1, 2), ["checkpoint"] = checkpoint, ["step"] = metadata.NextStep,
                ["backbone"] = metadata.Backbone, ["seconds"] = Math.Round(clock.Elapsed.TotalSeconds, 1),
            });
        }
        return 0;
    }
}
