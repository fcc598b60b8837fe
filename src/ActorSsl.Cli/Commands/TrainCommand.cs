using System.Globalization;
using Akka.Actor;
using ActorSsl.Actors;
using ActorSsl.Actors.Coordination;
using ActorSsl.Actors.Training;
using ActorSsl.Cli.CommandLine;
using ActorSsl.Cli.Reporting;
using ActorSsl.Core.Settings;
using ActorSsl.Core.Sources;
using ActorSsl.Training;
using ActorSsl.Training.Checkpoints;
using ActorSsl.Training.Loop;

namespace ActorSsl.Cli.Commands;

/// <summary>
/// <c>actorssl train</c>: self-supervised pre-training (MoCo v2, SimCLR, BYOL, Barlow Twins, SimSiam, VICReg) through the actor pipeline, with live progress, per-epoch kNN,
/// checkpoints (Ctrl-C stops cleanly after writing one), <c>--resume</c>, and a summary JSON at the end.
/// </summary>
public static class TrainCommand
{
    public const string DefaultPreset = "hocon/fashion-mnist-moco.conf";

    public const string Help = """
        actorssl train [--method mocov2|simclr|byol|barlowtwins|simsiam|vicreg] [--config hocon/PRESET.conf]
                       [--data fashion-mnist|PATH] [--epochs N] [--max-samples N]
                       [--summary-json PATH] [--resume PATH|auto] [--checkpoint-dir DIR] [--workers N] [--batch-size N]
                       [--seed N] [--set key=value]...

          Pre-trains an encoder without labels (MoCo v2 unless --method names another) on the default preset
          hocon/fashion-mnist-moco.conf, or hocon/fashion-mnist-METHOD.conf for --method METHOD, unless --config
          names another (--method then overrides the preset's actorssl.train.method). Shows epoch, step, images/s, loss, the share of time the trainer
          waited for data and the ETA; runs the kNN monitor after every epoch; writes checkpoints to
          runs/checkpoints (last.ckpt and epoch-N.ckpt). --resume PATH continues a stopped run exactly;
          --resume auto continues from the checkpoint directory's last.ckpt when it exists.
        """;

    /// <param name="node">Set when a cluster node runs this job (<c>actorssl node --roles …trainer</c>): its cluster layer.</param>
    /// <param name="finished">
    /// Called with the run's report and summary once the run has ended, before the exit code is returned
    /// (<c>actorssl bench pipeline</c> reads the per-step timings of exactly this run from it).
    /// </param>
    public static async Task<int> RunAsync(IReadOnlyList<string> argv, CancellationToken cancel, NodeContext? node = null,
        Action<RunReport, TrainSummary>? finished = null)
    {
        var args = CliArguments.Parse("train", argv, RunConfiguration.Options.Concat(new[] { "summary-json", "resume", "checkpoint-dir" }).ToHashSet());
        var config = RunConfiguration.Build(args, Presets.Find(DefaultPreset));
        var settings = ActorSslSettings.Create(config);
        if (args.String("checkpoint-dir") is { } dir) settings = settings with { Train = settings.Train with { CheckpointDirectory = dir } };
        TorchRuntime.EnsureAvailable();

        using var source = SampleSourceFactory.Open(settings.Data, settings.Run.MaxSamples);
        using var evaluation = SampleSourceFactory.OpenEvaluation(settings.Data);
        var options = ActorSslTraining.Options(settings, source);
        var resume = args.String("resume");
        var auto = resume == "auto";
        if (auto)
        {
            // A restarted trainer (service, container) continues from its newest checkpoint when there is one.
            var last = Path.Combine(settings.Train.CheckpointDirectory, "last.ckpt");
            resume = File.Exists(last) ? last : null;
            Console.Error.WriteLine(resume != null ? $"actorssl train: --resume auto: continuing from {last}" : $"actorssl train: --resume auto: no {last}, starting a new run");
        }
        var firstStep = 0L;
        if (resume != null)
        {
            var metadata = CheckpointFile.ReadMetadata(resume);
            metadata.CheckCompatible(options, resume);
            firstStep = metadata.NextStep;
            if (firstStep >= options.TotalSteps && auto)
            {
                Console.Error.WriteLine($"actorssl train: {resume} is at the last step ({firstStep}): the run is already complete");
                return 0;
            }
            if (firstStep >= options.TotalSteps) throw new CliException($"actorssl train: {resume} is already at step {firstStep} of {options.TotalSteps}: nothing left to train");
        }

        var train = settings.Train;
        using var knn = evaluation != null && train.KnnEveryEpochs > 0 && source.ClassNames.Count > 0
            ? new KnnMonitor(source, evaluation, settings.Augment.ImageSize, train.Mean, train.Std, train.KnnK, train.KnnTemperature, train.KnnRawPixels)
            : null;
        var loop = new TrainingLoopOptions
        {
            CheckpointDirectory = train.CheckpointDirectory,
            CheckpointEverySteps = train.CheckpointEverySteps,
            KnnEveryEpochs = train.KnnEveryEpochs,
            ResumeFrom = resume,
        };
        var setup = new TrainerSetup(options, loop, knn == null ? null : (session, epoch) => knn.Evaluate(session.Backbone, session.Device, epoch));

        Console.Error.WriteLine($"actorssl train: {train.Method} / {train.Backbone} on {source.Name} ({source.Count:N0} samples), " +
                                $"{settings.Run.Epochs} epoch(s) × {options.StepsPerEpoch} steps of {settings.Pipeline.BatchSize}, " +
                                $"{settings.Augment.Workers} augmentation worker(s); {TorchRuntime.Describe()}" +
                                (options.Precision == "bf16" ? "; bf16 mixed precision" : "") +
                                (train.Precision == "auto" ? $" (precision = auto → {options.Precision})" : "") +
                                (TrainingSession.UsesChannelsLast(options) ? "; channels-last activations" : "") +
                                (resume != null ? $"; resuming at step {firstStep}" : ""));
        if (Bf16Hardware.Warning(train.Precision, train.Device) is { } bf16Warning)
            Console.Error.WriteLine("warning: " + bf16Warning);

        var system = node == null ? CliActorSystem.Create(config) : node.CreateSystem(config);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        RunReport? report = null;
        var cancelled = false;
        var peak = new PeakRss();
        try
        {
            var run = ActorSslTraining.Start(system, settings, source, setup, firstStep);
            TrainingTally? tally = null;
            await using (var progress = new ProgressLine(() => Render(tally, options, firstStep, clock.Elapsed), TimeSpan.FromSeconds(1)))
            {
                progress.Start();
                using var poll = new PeriodicTimer(TimeSpan.FromMilliseconds(500));
                var completion = run.Pipeline.Completion;
                while (!completion.IsCompleted)
                {
                    if (cancel.IsCancellationRequested && !cancelled)
                    {
                        cancelled = true;
                        run.RequestStop();
                    }
                    try
                    {
                        tally = await run.Pipeline.Coordinator.Ask<TrainingTally>(Coordinator.GetTrainingTally.Instance, TimeSpan.FromSeconds(5));
                    }
                    catch (AskTimeoutException) { }
                    peak.Sample();
                    await Task.WhenAny(completion, Task.Delay(500, CancellationToken.None));
                }
                report = await completion;
                tally = report.Training;
            }
            await run.DisposeAsync();
        }
        finally
        {
            await system.Terminate();
        }

        var summary = TrainSummary.Create(settings, options, source, report!, knn, clock.Elapsed, peak.Max, cancelled);
        Console.Error.WriteLine(summary.Describe());
        if (args.String("summary-json") is { } path) summary.Write(path);
        finished?.Invoke(report!, summary);
        if (report?.Training?.Finished is { Error.Length: > 0 }) return 1;
        return cancelled ? 130 : 0;
    }

    private static string Render(TrainingTally? t, TrainingOptions options, long firstStep, TimeSpan elapsed)
    {
        if (t?.Last is not { } last) return $"starting… {elapsed:mm\\:ss}";
        var busy = (t.StepMilliseconds + t.WaitMilliseconds) / 1000;
        var rate = busy > 0 ? t.Samples / busy : 0;
        var done = last.Step + 1;
        var remaining = options.TotalSteps - done;
        var stepsPerSecond = (done - firstStep) / Math.Max(1e-9, elapsed.TotalSeconds);
        var eta = stepsPerSecond > 0 ? TimeSpan.FromSeconds(remaining / stepsPerSecond) : TimeSpan.Zero;
        var knn = t.Evaluations.Count > 0 ? $"  kNN {t.Evaluations[^1].KnnTop1:F2}%" : "";
        return string.Create(CultureInfo.InvariantCulture,
            $"epoch {last.Epoch}/{options.TotalSteps / options.StepsPerEpoch}  step {done}/{options.TotalSteps}  {rate:N0} img/s  loss {last.Loss:F3}  wait {t.WaitFraction:P1}{knn}  rss {ProcessMemory.CurrentRssMb():N0} MB  eta {eta:hh\\:mm\\:ss}");
    }
}
