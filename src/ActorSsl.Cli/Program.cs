using ActorSsl.Cli.Commands;
using ActorSsl.Cli.CommandLine;
using ActorSsl.Core.Settings;
using ActorSsl.Training;

const string usage = """
    actorssl — self-supervised image representation learning on Akka.NET actors

    usage: actorssl <command> [options]     (actorssl <command> --help for its options)

    commands:
      train      pre-train an encoder without labels (MoCo v2) through the actor pipeline
      eval       kNN or linear-probe accuracy of a checkpoint's frozen backbone
      pipeline   run loader → augmentation → batching into a draining consumer and report throughput
      node       a cluster node: --roles seed,augment,trainer (any subset)
      bench      measurements with JSON output: step, augment, pipeline, remote, cluster
    """;

// First of all: tcmalloc serves libtorch's allocations (this re-executes the same command line under it when it is
// installed and not yet loaded); where glibc's malloc serves instead, it gets settings for libtorch's large per-step
// buffers before any thread of ours exists (see TcmallocPreload, GlibcMalloc).
var allocatorWarning = TcmallocPreload.PreferTcmalloc();
GlibcMalloc.TuneForTraining();

if (args.Length == 0 || args[0] is "-h" or "--help" or "help")
{
    Console.WriteLine(usage);
    return args.Length == 0 ? 2 : 0;
}
if (allocatorWarning != null && !args.Contains("--help")) Console.Error.WriteLine($"actorssl: warning: {allocatorWarning}");

using var cancel = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    // First Ctrl-C: stop cleanly (summary still written). Second: let the runtime kill the process.
    if (cancel.IsCancellationRequested) return;
    e.Cancel = true;
    Console.Error.WriteLine("\nStopping… (Ctrl-C again to abort)");
    cancel.Cancel();
};

var rest = args.Skip(1).ToArray();
try
{
    return args[0] switch
    {
        "train" when rest.Contains("--help") => PrintHelp(TrainCommand.Help),
        "train" => await TrainCommand.RunAsync(rest, cancel.Token),
        "eval" when rest.Contains("--help") => PrintHelp(EvalCommand.Help),
        "eval" => EvalCommand.Run(rest),
        "pipeline" when rest.Contains("--help") => PrintHelp(PipelineCommand.Help),
        "pipeline" => await PipelineCommand.RunAsync(rest, cancel.Token),
        "node" when rest.Contains("--help") => PrintHelp(NodeCommand.Help),
        "node" => await NodeCommand.RunAsync(rest, cancel.Token),
        "bench" => await BenchCommand.RunAsync(rest, cancel.Token),
        _ => throw new CliException($"actorssl: unknown command '{args[0]}'.\n{usage}"),
    };
}
catch (CliException e)
{
    Console.Error.WriteLine(e.Message);
    return 2;
}
catch (ActorSslConfigException e)
{
    Console.Error.WriteLine($"actorssl: configuration error: {e.Message}");
    return 2;
}
catch (Exception e) when (e is InvalidDataException or FileNotFoundException or DirectoryNotFoundException)
{
    Console.Error.WriteLine($"actorssl: {e.Message}");
    return 2;
}

static int PrintHelp(string text)
{
    Console.WriteLine(text);
    return 0;
}
