using ActorSsl.Actors;
using ActorSsl.Actors.Coordination;
using ActorSsl.Cli.Reporting;
using ActorSsl.Core.Sources;
using ActorSsl.Training;
using ActorSsl.Training.Benchmarks;
using ActorSsl.Training.Loop;
using TorchSharp;

namespace ActorSsl.Cli.Bench;

/// <summary>
/// The step-alone phase of <c>actorssl bench pipeline</c> (a child process of its own): <c>bench step</c>'s way of
/// measuring — pre-made synthetic batches, the step on a thread of its own, no actors — applied to the very
/// <see cref="TrainingOptions"/> the training run of the same plan gets (method, model, widths, batch, image size,
/// threads, optimizer). Each step is timed by <see cref="TrainingSession.Step"/>'s own clock, the one the trainer
/// reports in the pipeline phase.
/// </summary>
public static class StepAlonePhase
{
    public static int Run(PipelineBenchPlan plan, string phaseJson)
    {
        var settings = plan.Settings;
        TorchRuntime.EnsureAvailable();
        using var source = SampleSourceFactory.Open(settings.Data, settings.Run.MaxSamples);
        var options = ActorSslTraining.Options(settings, source);
        Console.Error.WriteLine($"actorssl bench pipeline: step alone: {options.Method} / {options.Backbone}, {plan.Warmup} + {plan.Steps} steps of " +
                                $"{plan.BatchSize} pre-made {settings.Augment.Views}×{source.Channels}×{options.ImageSize}² views; {TorchRuntime.Describe()}");
        var (threads, timed) = BenchThread.Run("actorssl-bench", () =>
        {
            using var session = new TrainingSession(options);
            var batches = new SyntheticBatches(plan.BatchSize, settings.Augment.Views, source.Channels, options.ImageSize);
            var steps = new List<StepTiming>(plan.Steps);
            for (var i = 0L; i < plan.TotalSteps; i++)
            {
                using var batch = batches.Next(i);
                var result = session.Step(batch);
                if (i >= plan.Warmup) steps.Add(new StepTiming(i, result.StepMilliseconds, 0));
            }
            return (options.Threads > 0 ? options.Threads : torch.get_num_threads(), steps);
        });
        var phase = PipelineBenchPhase.From(PipelineBenchPhase.StepAlone, plan.BatchSize, threads, timed, ProcessMemory.PeakRssMb());
        phase.Write(phaseJson);
        return 0;
    }
}
