using System.Globalization;
using ActorSsl.Cli.CommandLine;
using ActorSsl.Cli.Reporting;

namespace ActorSsl.Cli.Bench;

/// <summary>
/// <c>actorssl bench pipeline</c>: pipeline efficiency — images/s of the training step inside the real actor pipeline
/// (<c>actorssl train</c>'s code path) over images/s of the same step alone on pre-made batches, for the same preset.
/// Each phase runs in a child process of its own (libgomp's and glibc's state after one phase would bias a second one
/// in the same process), and the phases alternate round by round so both see the same machine.
/// </summary>
public static class PipelineBench
{
    public const string Help = """
        actorssl bench pipeline [--config hocon/PRESET.conf] [--method mocov2|simclr|byol|barlowtwins|simsiam|vicreg]
                                [--steps N] [--warmup N] [--rounds R] [--set key=value]... [--timeout SECONDS] [--json PATH]

          Pipeline efficiency: the training step's images/s inside `actorssl train` (data loader → augmentation
          workers → inbox → channel → training thread) divided by its images/s alone on pre-made synthetic batches
          (`bench step`'s way: no actors, the step on a thread of its own), for the same method, model, batch, image
          size and threads of one preset (default: the default training preset hocon/fashion-mnist-moco.conf;
          --method M alone: hocon/fashion-mnist-M.conf; --set changes both phases alike).
          Each round runs the step alone in one child process, then the training run in another; the figures are
          medians over the rounds (peak RSS: the highest), with each round's figures in the JSON.
          The training run is one epoch of exactly --warmup + --steps steps (run.max-samples = steps × batch), without
          kNN (train.eval.knn-every-epochs = 0) or periodic checkpoints (train.checkpoint.every-steps = 0); its only
          checkpoint, at the end of the run, comes after the last timed step and goes to a temporary folder.
          efficiency = pipeline_images_per_second / step_alone_images_per_second, both at the median step time of the
          timed steps (warm-up left out). efficiency_mean uses the mean over the timed window instead, where the
          pipeline's figure includes the training thread's waits for data (trainer_wait_fraction).
          Defaults: 120 timed steps after 10 warm-up steps (≥ 1: the first step's wait includes start-up), 1 round,
          timeout 1800 s per phase.
          --phase step|pipeline --phase-json PATH: one phase in this process (how the bench starts its children).
        """;

    private static readonly HashSet<string> Options =
        ["config", "method", "steps", "warmup", "rounds", "set", "timeout", "json", "phase", "phase-json"];

    public static async Task<int> RunAsync(IReadOnlyList<string> argv, CancellationToken cancel)
    {
        var args = CliArguments.Parse("bench pipeline", argv, Options);
        var plan = PipelineBenchPlan.Create(args);
        var phase = args.String("phase");
        if (phase != null)
        {
            var phaseJson = args.String("phase-json") ?? throw new CliException($"actorssl bench pipeline: --phase {phase} needs --phase-json PATH");
            return phase switch
            {
                PipelineBenchPhase.StepAlone => StepAlonePhase.Run(plan, phaseJson),
                PipelineBenchPhase.Pipeline => await PipelinePhase.RunAsync(plan, phaseJson, cancel),
                _ => throw new CliException($"actorssl bench pipeline: --phase '{phase}' must be step or pipeline"),
            };
        }

        var rounds = args.Int("rounds", 1) ?? 1;
        var timeout = TimeSpan.FromSeconds(args.Int("timeout", 1) ?? 1800);
        plan.CheckFitsOneEpoch();
        var settings = plan.Settings;
        Console.Error.WriteLine($"actorssl bench pipeline: {settings.Train.Method} / {settings.Train.Backbone}, batch {plan.BatchSize}, " +
                                $"{settings.Augment.Workers} augment worker(s), {plan.Warmup} + {plan.Steps} steps, {rounds} round(s) of " +
                                $"step alone then pipeline; preset {plan.Preset ?? "(none)"}");
        var work = Directory.CreateTempSubdirectory("actorssl-bench-pipeline-");
        try
        {
            var measured = new List<PipelineBenchRound>();
            for (var round = 1; round <= rounds; round++)
            {
                var alone = await RunPhaseAsync(plan, PipelineBenchPhase.StepAlone, round, work.FullName, timeout, cancel);
                var pipeline = await RunPhaseAsync(plan, PipelineBenchPhase.Pipeline, round, work.FullName, timeout, cancel);
                measured.Add(PipelineBenchRound.From(round, alone, pipeline));
                Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"actorssl bench pipeline: round {round}: step alone {alone.MedianStepMs:F1} ms, in the pipeline {pipeline.MedianStepMs:F1} ms " +
                    $"(trainer waited {pipeline.WaitFraction:P1}): efficiency {measured[^1].Efficiency:F4}"));
            }

            var result = PipelineBenchResult.From(plan, measured);
            Console.WriteLine(result.Describe());
            if (args.String("json") is { } path) JsonReport.Write(path, result);
            return 0;
        }
        catch (OperationCanceledException) when (cancel.IsCancellationRequested)
        {
            Console.Error.WriteLine("actorssl bench pipeline: cancelled");
            return 130;
        }
        finally
        {
            try { work.Delete(recursive: true); }
            catch (IOException) { }
        }
    }

    /// <summary>One phase in a child process; its own lines are shown as they come (Akka's log only on failure).</summary>
    private static async Task<PipelineBenchPhase> RunPhaseAsync(PipelineBenchPlan plan, string phase, int round, string work,
        TimeSpan timeout, CancellationToken cancel)
    {
        var name = $"{phase} {round}";
        var json = Path.Combine(work, $"{phase}-{round}.json");
        using var child = new BenchProcess(name, plan.ChildArguments(phase, json), line =>
        {
            if (!line.StartsWith('[')) Console.Error.WriteLine($"  [{name}] {line}");
        });
        if (!await child.WaitForExitAsync(timeout, cancel))
            throw new CliException($"actorssl bench pipeline: the {phase} phase of round {round} did not finish within {timeout.TotalSeconds:F0} s " +
                                   $"(raise --timeout or lower --steps)\n{child.Tail()}");
        if (child.ExitCode != 0 || !File.Exists(json))
            throw new CliException($"actorssl bench pipeline: the {phase} phase of round {round} exited with {child.ExitCode}\n{child.Tail()}");
        return PipelineBenchPhase.Read(json);
    }
}
