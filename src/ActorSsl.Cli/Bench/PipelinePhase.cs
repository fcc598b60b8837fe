using ActorSsl.Actors.Coordination;
using ActorSsl.Cli.CommandLine;
using ActorSsl.Cli.Commands;
using ActorSsl.Cli.Reporting;
using TorchSharp;

namespace ActorSsl.Cli.Bench;

/// <summary>
/// The pipeline phase of <c>actorssl bench pipeline</c> (a child process of its own): <c>actorssl train</c> itself —
/// data loader, augmentation workers, inbox, channel, training thread, with its progress polling — on the plan's
/// arguments, its checkpoints in a temporary folder. The timed steps come from the trainer's own per-step report.
/// </summary>
public static class PipelinePhase
{
    public static async Task<int> RunAsync(PipelineBenchPlan plan, string phaseJson, CancellationToken cancel)
    {
        var checkpoints = Directory.CreateTempSubdirectory("actorssl-bench-pipeline-checkpoints-");
        try
        {
            RunReport? report = null;
            TrainSummary? summary = null;
            var exit = await TrainCommand.RunAsync([.. plan.TrainArguments, "--checkpoint-dir", checkpoints.FullName], cancel,
                finished: (r, s) =>
                {
                    report = r;
                    summary = s;
                });
            if (exit != 0) return exit;
            if (report?.Training is not { } tally || summary == null)
                throw new CliException("actorssl bench pipeline: the training run ended without a training report");
            var timed = tally.RecentSteps.Where(s => s.Step >= plan.Warmup).ToList();
            if (timed.Count != plan.Steps)
                throw new CliException($"actorssl bench pipeline: the training run timed {timed.Count} steps after warm-up instead of {plan.Steps}");
            var threads = plan.Settings.Train.Threads > 0 ? plan.Settings.Train.Threads : torch.get_num_threads();
            var peak = Math.Max(summary.PeakRssMb, ProcessMemory.PeakRssMb());
            PipelineBenchPhase.From(PipelineBenchPhase.Pipeline, plan.BatchSize, threads, timed, peak).Write(phaseJson);
            return 0;
        }
        finally
        {
            try { checkpoints.Delete(recursive: true); }
            catch (IOException) { }
        }
    }
}
