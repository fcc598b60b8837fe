using System.Text.Json;
using ActorSsl.Training;
using Xunit.Abstractions;

namespace ActorSsl.Cli.Tests;

/// <summary>
/// actorssl runs under tcmalloc where it is installed (it re-executes itself with the library preloaded), says so in
/// its reports, and stays on glibc when asked to or when the library is missing, saying how to install it.
/// </summary>
public class AllocatorSpec(ITestOutputHelper output)
{
    private static readonly bool Installed = TcmallocPreload.Candidates.Any(File.Exists);

    [Fact]
    public async Task The_training_step_runs_under_tcmalloc_when_it_is_installed()
    {
        var (allocator, log) = await BenchStepAsync(new Dictionary<string, string?>
        {
            [TcmallocPreload.ChoiceVariable] = null, [TcmallocPreload.ReexecutedVariable] = null, ["LD_PRELOAD"] = null,
        });
        if (Installed)
        {
            Assert.Equal("tcmalloc", allocator);
            Assert.DoesNotContain("warning", log);
            Assert.Contains("malloc: tcmalloc", log); // the runtime line, printed by the re-executed process
        }
        else
        {
            Assert.Equal("glibc", allocator);
            Assert.Contains("apt-get install libtcmalloc-minimal4", log);
        }
    }

    [Fact]
    public async Task ACTORSSL_MALLOC_glibc_keeps_glibc_without_a_warning()
    {
        var (allocator, log) = await BenchStepAsync(new Dictionary<string, string?>
        {
            [TcmallocPreload.ChoiceVariable] = "glibc", [TcmallocPreload.ReexecutedVariable] = null, ["LD_PRELOAD"] = null,
        });
        Assert.Equal("glibc", allocator);
        Assert.DoesNotContain("warning", log);
    }

    private async Task<(string Allocator, string Log)> BenchStepAsync(IReadOnlyDictionary<string, string?> environment)
    {
        Assert.True(File.Exists(ActorSslProcess.ProgramPath), $"{ActorSslProcess.ProgramPath} is missing: build src/ActorSsl.Cli first");
        var work = Directory.CreateTempSubdirectory("actorssl-allocator-");
        var json = Path.Combine(work.FullName, "step.json");
        using var bench = new ActorSslProcess("bench-step", environment, "bench", "step", "--batch-size", "8", "--warmup", "1", "--steps", "2", "--json", json);
        try
        {
            Assert.True(await bench.WaitForExitAsync(TimeSpan.FromSeconds(120)), "bench step did not finish within 120 s");
            Assert.Equal(0, bench.ExitCode);
            using var result = JsonDocument.Parse(File.ReadAllText(json));
            return (result.RootElement.GetProperty("allocator").GetString()!, bench.Output);
        }
        finally
        {
            output.WriteLine(bench.Output);
            work.Delete(recursive: true);
        }
    }
}
