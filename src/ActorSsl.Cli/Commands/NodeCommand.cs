using System.Runtime.InteropServices;
using Akka.Actor;
using ActorSsl.Actors.Cluster;
using ActorSsl.Cli.CommandLine;

namespace ActorSsl.Cli.Commands;

/// <summary>
/// <c>actorssl node</c>: one member of an ActorSsl cluster. With the trainer role it runs a job (train, or the
/// draining pipeline) exactly like the single-process commands and exits when the run ends; with the augment role
/// it serves runs offered by trainer nodes; a seed-only node is a contact point. Ctrl-C or SIGTERM leaves the
/// cluster gracefully (a trainer node first writes a checkpoint).
/// </summary>
public static class NodeCommand
{
    public const string Help = """
        actorssl node --roles seed,augment,trainer (any subset) [--host H] [--port P] [--public-host NAME]
                      [--seed-nodes akka.tcp://actorssl@H:P[,…]] [--discovery seed-nodes|kubernetes]
                      [--job train|pipeline] [--once]
                      [--config FILE] [--set key=value]... [run options of the job]

          Starts a cluster node. Configuration: hocon/cluster/base.conf, hocon/cluster/ROLE.conf for each role,
          then --config/--set, then --host/--port/--seed-nodes. Remoting binds to 127.0.0.1 unless --host says
          otherwise. Without --seed-nodes the node forms a cluster of its own (a seed).
          --discovery kubernetes (in a pod; deploy/kubernetes/): no seed nodes; Akka.Management's cluster bootstrap
            finds the pods labelled app=actorssl through the Kubernetes API (hocon/cluster/kubernetes.conf,
            management port 8558) and joins or forms the cluster. Give --public-host the pod IP.
          trainer: runs --job (default train) with the options of 'actorssl train' (--data, --epochs,
            --max-samples, --summary-json, --resume PATH|auto, …) and exits when the run ends. The run is
            offered to augment nodes; samples travel with the leases (actorssl.cluster.data-transport = bytes)
            or every node reads the same path (shared-path).
          augment: serves whichever run a trainer node offers with actorssl.augment.workers workers; needs no
            data options. Serves until stopped, or with --once until the first run it served ends.
          seed: a contact point only.
        """;

    private static readonly HashSet<string> NodeOptions = ["roles", "host", "port", "public-host", "seed-nodes", "discovery", "job"];
    private static readonly HashSet<string> NodeFlags = ["once"];

    public static async Task<int> RunAsync(IReadOnlyList<string> argv, CancellationToken cancel)
    {
        var (nodeArgv, jobArgv) = Split(argv);
        var args = CliArguments.Parse("node", nodeArgv, NodeOptions, NodeFlags);
        var roles = NodeConfig.ParseRoles(args.String("roles"));
        var port = args.Int("port", 0);
        if (port > 65535) throw new CliException($"actorssl node: --port {port} must be 0..65535");
        var discovery = NodeDiscovery.Parse(args.String("discovery"));
        var layer = NodeConfig.Build(roles, args.String("host"), port, args.String("public-host"), NodeConfig.ParseSeeds(args.String("seed-nodes")), discovery);
        var node = new NodeContext(layer, roles, discovery);
        if (RemotingGcSettings.Warning() is { } gc) Console.Error.WriteLine($"actorssl node: {gc}");

        // SIGTERM (systemd, docker stop, Kubernetes) stops like Ctrl-C: checkpoint, leave the cluster, exit.
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancel);
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context =>
        {
            context.Cancel = true;
            try { stop.Cancel(); }
            catch (ObjectDisposedException) { } // a second SIGTERM after the node has stopped

        });

        if (roles.Contains(ClusterRoles.Trainer))
        {
            var job = args.String("job") ?? "train";
            return job switch
            {
                "train" => await TrainCommand.RunAsync(jobArgv, stop.Token, node),
                "pipeline" => await PipelineCommand.RunAsync(jobArgv, stop.Token, node),
                _ => throw new CliException($"actorssl node: --job '{job}' must be train or pipeline"),
            };
        }
        if (args.Has("job")) throw new CliException("actorssl node: --job needs the trainer role");
        return await ServeAsync(node, jobArgv, roles.Contains(ClusterRoles.Augment), args.Has("once"), stop.Token);
    }

    /// <summary>A seed and/or augment node: serve until stopped (or, with --once, until the served run ends).</summary>
    private static async Task<int> ServeAsync(NodeContext node, IReadOnlyList<string> argv, bool augment, bool once, CancellationToken stop)
    {
        var args = CliArguments.Parse("node", argv, new HashSet<string> { "config", "set", "workers" });
        var local = RunConfiguration.Build(args);
        var system = node.CreateSystem(local);
        var finished = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        try
        {
            if (augment)
                system.ActorOf(AugmentNode.Props(new AugmentNodeOptions(local, once), finished), AugmentNode.Name);
            var ended = await Task.WhenAny(finished.Task, Task.Delay(Timeout.Infinite, stop), system.WhenTerminated);
            if (ended == finished.Task) Console.Error.WriteLine($"actorssl node: run {finished.Task.Result} ended; leaving the cluster");
        }
        catch (TaskCanceledException)
        {
        }
        finally
        {
            await CoordinatedShutdown.Get(system).Run(CoordinatedShutdown.ClrExitReason.Instance);
        }
        return 0;
    }

    /// <summary>Node options (and their values) go to the node; everything else to the job.</summary>
    private static (List<string> Node, List<string> Job) Split(IReadOnlyList<string> argv)
    {
        var node = new List<string>();
        var job = new List<string>();
        for (var i = 0; i < argv.Count; i++)
        {
            var arg = argv[i];
            var name = arg.StartsWith("--", StringComparison.Ordinal) ? arg[2..].Split('=')[0] : "";
            if (NodeFlags.Contains(name)) node.Add(arg);
            else if (NodeOptions.Contains(name))
            {
                node.Add(arg);
                if (!arg.Contains('=') && i + 1 < argv.Count) node.Add(argv[++i]);
            }
            else job.Add(arg);
        }
        return (node, job);
    }
}
