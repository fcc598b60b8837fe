using System.Text.Json;
using Xunit.Abstractions;

namespace ActorSsl.Cli.Tests;

/// <summary>
/// <c>actorssl bench step --memory-format</c>: the report says which activation layout the step ran with (auto:
/// channels-last on this CPU, where oneDNN is on), "both" times the two layouts step by step and compares them, and a
/// wrong value stops the bench naming the option and the choices.
/// </summary>
public class StepBenchMemoryFormatSpec(ITestOutputHelper output)
{
    [Theory]
    [InlineData(null, "mocov2", "channels-last")]
    [InlineData("contiguous", "mocov2", "contiguous")]
    [InlineData("channels-last", "plain", "channels-last")]
    [InlineData("contiguous", "plain", "contiguous")]
    public async Task The_report_must_name_the_layout_the_step_ran_with(string? memoryFormat, string method, string expected)
    {
        var (code, log, json) = await BenchStepAsync(method, memoryFormat);
        Assert.True(code == 0, log);
        Assert.Equal(expected, json!.RootElement.GetProperty("memory_format").GetString());
        Assert.Contains($", {expected}, ", log);
        json.Dispose();
    }

    [Fact]
    public async Task An_unknown_layout_must_stop_the_bench_naming_the_option()
    {
        var (code, log, json) = await BenchStepAsync("mocov2", "nhwc");
        Assert.NotEqual(0, code);
        Assert.Null(json);
        Assert.Contains("--memory-format 'nhwc' must be one of auto, channels-last, contiguous or both", log);
    }

    [Fact]
    public async Task Both_must_time_each_layout_on_every_step_and_compare_them()
    {
        var (code, log, json) = await BenchStepAsync("plain", "both");
        Assert.True(code == 0, log);
        using (json)
        {
            var root = json!.RootElement;
            Assert.Equal("contiguous", root.GetProperty("contiguous").GetProperty("memory_format").GetString());
            Assert.Equal("channels-last", root.GetProperty("channels_last").GetProperty("memory_format").GetString());
            Assert.Equal(2, root.GetProperty("contiguous").GetProperty("steps").GetInt32());
            Assert.Equal(2, root.GetProperty("channels_last").GetProperty("steps").GetInt32());
            Assert.Equal(2, root.GetProperty("pairs").GetInt32());
            var faster = root.GetProperty("channels_last_faster_pairs").GetInt32();
            Assert.InRange(faster, 0, 2);
            var speedup = root.GetProperty("channels_last_speedup").GetDouble();
            var ratio = root.GetProperty("contiguous").GetProperty("median_step_ms").GetDouble() /
                        root.GetProperty("channels_last").GetProperty("median_step_ms").GetDouble();
            Assert.InRange(Math.Abs(ratio - speedup), 0, 0.001);   // speed-up = contiguous median ÷ channels-last median
            Assert.Contains($"faster in {faster} of 2 paired steps", log);
        }
    }

    private async Task<(int Code, string Log, JsonDocument? Json)> BenchStepAsync(string method, string? memoryFormat)
    {
        Assert.True(File.Exists(ActorSslProcess.ProgramPath), $"{ActorSslProcess.ProgramPath} is missing: build src/ActorSsl.Cli first");
        var work = Directory.CreateTempSubdirectory("actorssl-memory-format-");
        var path = Path.Combine(work.FullName, "step.json");
        string[] args = ["bench", "step", "--method", method, "--batch-size", "8", "--warmup", "1", "--steps", "2", "--json", path];
        if (memoryFormat != null) args = [.. args, "--memory-format", memoryFormat];
        using var bench = new ActorSslProcess("bench-step", args);
        try
        {
            Assert.True(await bench.WaitForExitAsync(TimeSpan.FromSeconds(120)), "bench step did not finish within 120 s");
            return (bench.ExitCode, bench.Output, File.Exists(path) ? JsonDocument.Parse(File.ReadAllText(path)) : null);
        }
        finally
        {
            output.WriteLine(bench.Output);
            work.Delete(recursive: true);
        }
    }
}
