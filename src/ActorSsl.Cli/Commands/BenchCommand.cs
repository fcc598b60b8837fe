using ActorSsl.Cli.Bench;
using ActorSsl.Cli.CommandLine;

namespace ActorSsl.Cli.Commands;

/// <summary><c>actorssl bench …</c>: measurements with JSON output (never run as tests).</summary>
public static class BenchCommand
{
    public const string Help = """
        actorssl bench <kind> [options]     (actorssl bench <kind> --help for its options)

          step       the training step alone on pre-made synthetic batches (median ms, images/s, RSS)
          augment    two-view augmentation on the augmentation workers' code path, N threads (pairs/s, decode vs render)
          pipeline   pipeline efficiency: images/s of `actorssl train` over images/s of the same preset's step alone,
                     each in child processes of its own, alternating (efficiency, trainer wait, peak RSS)
          remote     chunk throughput between two actorssl processes over Akka.Remote with credit flow control
                     (MB/s), and the round-trip time of a ping sent meanwhile over the same connection
          cluster    the draining pipeline on a seed+trainer node process fed by N augment node processes
                     (steady-state pairs/s, missing, duplicates)
        """;

    public static async Task<int> RunAsync(IReadOnlyList<string> argv, CancellationToken cancel)
    {
        if (argv.Count == 0 || argv[0] is "--help" or "-h") { Console.WriteLine(Help); return argv.Count == 0 ? 2 : 0; }
        var rest = argv.Skip(1).ToArray();
        var help = rest.Contains("--help");
        return argv[0] switch
        {
            "step" when help => Print(StepBench.Help),
            "step" => StepBench.Run(rest),
            "augment" when help => Print(AugmentBench.Help),
            "augment" => AugmentBench.Run(rest),
            "pipeline" when help => Print(PipelineBench.Help),
            "pipeline" => await PipelineBench.RunAsync(rest, cancel),
            "remote" when help => Print(RemoteBench.Help),
            "remote" => await RemoteBench.RunAsync(rest, cancel),
            "cluster" when help => Print(ClusterBench.Help),
            "cluster" => await ClusterBench.RunAsync(rest, cancel),
            _ => throw new CliException($"actorssl bench: unknown kind '{argv[0]}'.\n{Help}"),
        };
    }

    private static int Print(string text)
    {
        Console.WriteLine(text);
        return 0;
    }
}
