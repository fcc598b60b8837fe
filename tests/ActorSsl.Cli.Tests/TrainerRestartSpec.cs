using System.Text.Json;
using Xunit.Abstractions;

namespace ActorSsl.Cli.Tests;

/// <summary>
/// A trainer node that is killed and started again with <c>--resume auto</c> continues from its last checkpoint
/// instead of starting over (what a restarting service or container does).
/// </summary>
public class TrainerRestartSpec(ITestOutputHelper output)
{
    [Fact]
    public async Task A_restarted_trainer_node_must_continue_from_its_last_checkpoint()
    {
        Assert.True(Directory.Exists("/usr/share/datasets/fashion-mnist"), "install dataset-fashion-mnist (deploy/prerequisites.sh does)");
        var work = Directory.CreateTempSubdirectory("actorssl-restart-");
        var checkpoints = Path.Combine(work.FullName, "ck");
        var last = Path.Combine(checkpoints, "last.ckpt");
        var summary = Path.Combine(work.FullName, "summary.json");
        string[] Args(int port) =>
        [
            "node", "--roles", "seed,trainer,augment", "--port", port.ToString(), "--workers", "1",
            "--max-samples", "2560", "--epochs", "1", "--resume", "auto", "--checkpoint-dir", checkpoints,
            "--set", "train.checkpoint.every-steps=2", "--set", "train.eval.knn-every-epochs=0", "--set", "train.eval.knn-raw-pixels=off",
            "--summary-json", summary,
        ];
        try
        {
            using (var first = new ActorSslProcess("first", Args(ActorSslProcess.FreePort())))
            {
                var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(120);
                while (!File.Exists(last) && !first.HasExited && DateTime.UtcNow < deadline) await Task.Delay(100);
                Assert.True(File.Exists(last), "no checkpoint was written\n" + first.Output);
                first.Kill(); // as a crash: whatever it did after the checkpoint is lost
                output.WriteLine(first.Output);
            }
            Assert.False(File.Exists(summary), "the first process finished the run before it was killed; the test needs a longer run");

            using var second = new ActorSslProcess("second", Args(ActorSslProcess.FreePort()));
            Assert.True(await second.WaitForExitAsync(TimeSpan.FromSeconds(180)), "the restarted node did not finish");
            output.WriteLine(second.Output);
            Assert.Equal(0, second.ExitCode);
            Assert.Contains("--resume auto: continuing from", second.Output);
            using var json = JsonDocument.Parse(File.ReadAllText(summary));
            var root = json.RootElement;
            Assert.True(root.GetProperty("completed").GetBoolean());
            Assert.Equal(10, root.GetProperty("steps").GetInt64());
            var resumedSteps = root.GetProperty("steps_this_process").GetInt64();
            Assert.InRange(resumedSteps, 1, 8); // it started at a checkpoint (step ≥ 2), not at 0
            // The default memory format (auto) on the CPU with oneDNN, which the preset's widths (multiples of 16) keep on.
            Assert.Equal("channels-last", root.GetProperty("memory_format").GetString());
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }
}
