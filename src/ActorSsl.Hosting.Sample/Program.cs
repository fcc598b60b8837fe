// ActorSsl inside an app's own ActorSystem (Microsoft.Extensions.Hosting + Akka.Hosting).
//
//   actorssl-hosting-sample --seed-nodes akka.tcp://actorssl@127.0.0.1:4053 [--hostname 127.0.0.1] [--port 0] [--workers 2]
//       an augment node: joins the cluster and serves the runs of its trainer nodes until stopped (Ctrl-C)
//   actorssl-hosting-sample --local [--epochs 1] [--max-samples 0] [--workers 2]
//       the data pipeline on Fashion-MNIST in this process; prints the accounting and exits
//
// Options are read through IConfiguration: command line (--key value or --key=value), environment, appsettings.json.
using Akka.Cluster.Hosting;
using Akka.Cluster.Hosting.SBR;
using Akka.Hosting;
using Akka.Remote.Hosting;
using ActorSsl.Actors.Cluster;
using ActorSsl.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

var local = args.Contains("--local");
var builder = Host.CreateApplicationBuilder(args.Where(a => a != "--local").ToArray());
var options = builder.Configuration;
var workers = options.GetValue("workers", 2);

builder.Services.AddActorSslRunHandle();
builder.Services.AddAkka(ClusterRoles.SystemName, akka =>
{
    if (local)
    {
        akka.WithActorSsl($$"""
                actorssl.run { epochs = {{options.GetValue("epochs", 1)}}, max-samples = {{options.GetValue("max-samples", 0)}} }
                actorssl.augment.workers = {{workers}}
                """)
            .WithActorSslPipeline();
        return;
    }
    var seeds = (options["seed-nodes"] ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
    if (seeds.Length == 0) throw new ArgumentException("--seed-nodes akka.tcp://actorssl@HOST:PORT[,…] is required (or --local)");
    if (RemotingGcSettings.Warning() is { } gc) Console.Error.WriteLine($"actorssl-hosting-sample: {gc}");
    akka.WithRemoting(new RemoteOptions
        {
            HostName = options.GetValue("hostname", "127.0.0.1"), // loopback unless told otherwise
            Port = options.GetValue("port", 0),
            MaxFrameSize = 4 * 1024 * 1024, // chunks and lease parts are up to 256 KiB by default
        })
        .WithClustering(new ClusterOptions
        {
            Roles = [ClusterRoles.Augment],
            SeedNodes = seeds,
            // As hocon/cluster/base.conf: in a partition, the side with the oldest trainer keeps the run.
            SplitBrainResolver = new KeepOldestOption { Role = ClusterRoles.Trainer, DownIfAlone = false },
        })
        .WithActorSsl()
        .WithActorSslClusterSecurity()
        .WithActorSslAugmentNode(new ActorSslAugmentNodeOptions { Workers = workers });
});

using var host = builder.Build();
if (!local)
{
    await host.RunAsync();
    return 0;
}

await host.StartAsync();
var report = await host.Services.GetRequiredService<ActorSslRunHandle>().Completion;
foreach (var epoch in report.Epochs)
    Console.WriteLine($"epoch {epoch.Epoch}: planned {epoch.Planned}, delivered {epoch.Delivered}, skipped {epoch.Skipped}, duplicates {epoch.Duplicates}, missing {epoch.Missing}");
await host.StopAsync();
return report.Missing == 0 ? 0 : 1;
