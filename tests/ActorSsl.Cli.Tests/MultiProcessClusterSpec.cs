using System.Text.Json;
using System.Text.RegularExpressions;
using Xunit.Abstractions;

namespace ActorSsl.Cli.Tests;

/// <summary>
/// The cluster as users run it: separate OS processes on loopback — a seed+trainer node training on Fashion-MNIST
/// with no local augmentation, and two augment nodes. One augment node is SIGKILLed mid-epoch; the run must still
/// end with every planned sample delivered and the trainer stepping to the end.
/// </summary>
public class MultiProcessClusterSpec(ITestOutputHelper output)
{
    private const string FashionMnist = "/usr/share/datasets/fashion-mnist";

    [Fact]
    public async Task Killing_an_augment_node_mid_epoch_must_lose_no_sample()
    {
        Assert.True(Directory.Exists(FashionMnist), $"{FashionMnist} is missing: install it with apt-get install dataset-fashion-mnist (deploy/prerequisites.sh does)");
        Assert.True(File.Exists(ActorSslProcess.ProgramPath), $"{ActorSslProcess.ProgramPath} is missing: build src/ActorSsl.Cli first");
        var work = Directory.CreateTempSubdirectory("actorssl-cluster-");
        var summary = Path.Combine(work.FullName, "summary.json");
        var port = ActorSslProcess.FreePort();
        var seed = $"akka.tcp://actorssl@127.0.0.1:{port}";

        using var trainer = new ActorSslProcess("trainer", "node", "--roles", "seed,trainer", "--port", port.ToString(),
            "--workers", "0", "--max-samples", "6144", "--epochs", "1", "--batch-size", "256",
            "--set", "train.eval.knn-every-epochs=0", "--set", "train.eval.knn-raw-pixels=off",
            "--set", "train.checkpoint.every-steps=0", "--checkpoint-dir", Path.Combine(work.FullName, "ck"),
            "--set", "pipeline.lease-size=64", "--set", "cluster.lease-max-bytes=16384",
            "--set", "akka.cluster.failure-detector.acceptable-heartbeat-pause=2s",
            "--summary-json", summary);
        using var doomed = new ActorSslProcess("augment-1", "node", "--roles", "augment", "--port", "0", "--seed-nodes", seed, "--workers", "1");
        using var survivor = new ActorSslProcess("augment-2", "node", "--roles", "augment", "--port", "0", "--seed-nodes", seed, "--workers", "1", "--once");
        try
        {
            // Both augment nodes serve before the kill, so the doomed one holds leases when it dies.
            Assert.True(await doomed.WaitForOutputAsync(o => o.Contains("Serving run"), TimeSpan.FromSeconds(90)), "augment-1 never served the run");
            Assert.True(await survivor.WaitForOutputAsync(o => o.Contains("Serving run"), TimeSpan.FromSeconds(90)), "augment-2 never served the run");
            // Kill early in the epoch (the progress line shows the step about once a second).
            Assert.True(await trainer.WaitForOutputAsync(o => Regex.IsMatch(o, @"step ([2-9]|1[0-2])/24"), TimeSpan.FromSeconds(90)), "the trainer did not reach step 2");
            doomed.Kill();

            Assert.True(await trainer.WaitForExitAsync(TimeSpan.FromSeconds(180)), "the trainer did not finish");
            Assert.Equal(0, trainer.ExitCode);
            Assert.True(await survivor.WaitForExitAsync(TimeSpan.FromSeconds(60)), "augment-2 (--once) did not exit after the run");

            using var json = JsonDocument.Parse(File.ReadAllText(summary));
            var root = json.RootElement;
            Assert.True(root.GetProperty("completed").GetBoolean());
            Assert.Equal(24, root.GetProperty("steps").GetInt64());
            Assert.Equal(0, root.GetProperty("missing_samples").GetInt64());
            Assert.Contains("will be reissued", trainer.Output);
        }
        finally
        {
            foreach (var p in new[] { trainer, doomed, survivor })
                output.WriteLine($"===== {p.Name} =====\n{Tail(p.Output, 60)}");
            work.Delete(recursive: true);
        }
    }

    private static string Tail(string text, int lines) => string.Join('\n', text.Split('\n').TakeLast(lines));
}
