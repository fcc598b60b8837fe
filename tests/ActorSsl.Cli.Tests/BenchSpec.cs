using System.Diagnostics;
using System.Text.Json;
using System.Text.RegularExpressions;
using ActorSsl.Actors.Cluster;
using Xunit.Abstractions;

namespace ActorSsl.Cli.Tests;

/// <summary>
/// <c>actorssl bench remote</c> and <c>bench cluster</c> run end to end as separate processes and write their JSON.
/// No speed is asserted: these only check that the benches work and clean up after themselves.
/// </summary>
public class BenchSpec(ITestOutputHelper output)
{
    private const string FashionMnist = "/usr/share/datasets/fashion-mnist";

    [Fact]
    public async Task Bench_remote_must_report_throughput_and_ping_round_trips_and_end_its_receiver()
    {
        Assert.True(File.Exists(ActorSslProcess.ProgramPath), $"{ActorSslProcess.ProgramPath} is missing: build src/ActorSsl.Cli first");
        var work = Directory.CreateTempSubdirectory("actorssl-bench-remote-");
        var json = Path.Combine(work.FullName, "remote.json");
        using var bench = new ActorSslProcess("bench-remote", "bench", "remote", "--megabytes", "20", "--json", json);
        try
        {
            Assert.True(await bench.WaitForExitAsync(TimeSpan.FromSeconds(60)), "bench remote did not finish within 60 s");
            Assert.Equal(0, bench.ExitCode);
            using var result = JsonDocument.Parse(File.ReadAllText(json));
            var root = result.RootElement;
            Assert.True(root.GetProperty("megabytes_per_second").GetDouble() > 0);
            Assert.Equal(262144, root.GetProperty("chunk_bytes").GetInt32()); // actorssl.pipeline.chunk-max-bytes
            // The GC settings both processes ran with: the threshold comes from actorssl.runtimeconfig.json.
            Assert.Equal(RemotingGcSettings.LohThresholdValue, root.GetProperty("gc_loh_threshold").GetInt64());
            Assert.Equal(RemotingGcSettings.Gen0Size ?? "default", root.GetProperty("gc_gen0size").GetString());
            Assert.Equal(8, root.GetProperty("window").GetInt32());
            Assert.True(root.GetProperty("ping_rtt_max_ms").GetDouble() >= root.GetProperty("ping_rtt_p99_ms").GetDouble());
            Assert.True(root.GetProperty("ping_rtt_p99_ms").GetDouble() >= 0);

            // The receiver process is gone with the bench.
            var pid = int.Parse(Regex.Match(bench.Output, @"receiver process (\d+) started").Groups[1].Value);
            Assert.True(HasEnded(pid), $"the receiver process {pid} is still running");
        }
        finally
        {
            output.WriteLine(bench.Output);
            work.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task Bench_cluster_must_report_pairs_per_second_with_no_sample_missing()
    {
        Assert.True(Directory.Exists(FashionMnist), $"{FashionMnist} is missing: install it with apt-get install dataset-fashion-mnist (deploy/prerequisites.sh does)");
        Assert.True(File.Exists(ActorSslProcess.ProgramPath), $"{ActorSslProcess.ProgramPath} is missing: build src/ActorSsl.Cli first");
        var work = Directory.CreateTempSubdirectory("actorssl-bench-cluster-");
        var json = Path.Combine(work.FullName, "cluster.json");
        using var bench = new ActorSslProcess("bench-cluster", "bench", "cluster", "--augment-nodes", "1", "--max-samples", "512",
            "--epochs", "1", "--image-size", "64", "--timeout", "90", "--json", json);
        try
        {
            Assert.True(await bench.WaitForExitAsync(TimeSpan.FromSeconds(120)), "bench cluster did not finish");
            Assert.Equal(0, bench.ExitCode);
            using var result = JsonDocument.Parse(File.ReadAllText(json));
            var root = result.RootElement;
            Assert.True(root.GetProperty("pairs_per_second").GetDouble() > 0);
            Assert.Equal(1, root.GetProperty("augment_nodes_served").GetInt32());
            Assert.Equal(512, root.GetProperty("samples").GetInt64());
            Assert.Equal(0, root.GetProperty("missing_samples").GetInt64());
            Assert.Equal(0, root.GetProperty("duplicate_samples").GetInt64());
        }
        finally
        {
            output.WriteLine(bench.Output);
            work.Delete(recursive: true);
        }
    }

    private static bool HasEnded(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            return process.HasExited;
        }
        catch (ArgumentException)
        {
            return true;
        }
    }
}
