using System.Text.Json;
using Xunit.Abstractions;

namespace ActorSsl.Cli.Tests;

/// <summary>
/// <c>actorssl bench pipeline</c> end to end on a tiny run (batch 32, a handful of steps, two rounds): the step-alone
/// and pipeline child processes alternate, and the JSON holds consistent figures. No speed is asserted.
/// </summary>
public class PipelineBenchSpec(ITestOutputHelper output)
{
    private const string FashionMnist = "/usr/share/datasets/fashion-mnist";

    [Fact]
    public async Task Bench_pipeline_must_report_the_efficiency_as_the_ratio_of_pipeline_to_step_alone_images_per_second()
    {
        Assert.True(Directory.Exists(FashionMnist), $"{FashionMnist} is missing: install it with apt-get install dataset-fashion-mnist (deploy/prerequisites.sh does)");
        Assert.True(File.Exists(ActorSslProcess.ProgramPath), $"{ActorSslProcess.ProgramPath} is missing: build src/ActorSsl.Cli first");
        var work = Directory.CreateTempSubdirectory("actorssl-bench-pipeline-spec-");
        var json = Path.Combine(work.FullName, "pipeline.json");
        using var bench = new ActorSslProcess("bench-pipeline", "bench", "pipeline", "--steps", "3", "--warmup", "1", "--rounds", "2",
            "--set", "pipeline.batch-size=32", "--timeout", "120", "--json", json);
        try
        {
            Assert.True(await bench.WaitForExitAsync(TimeSpan.FromSeconds(300)), "bench pipeline did not finish");
            Assert.Equal(0, bench.ExitCode);
            using var result = JsonDocument.Parse(File.ReadAllText(json));
            var root = result.RootElement;

            Assert.EndsWith("fashion-mnist-moco.conf", root.GetProperty("preset").GetString());
            Assert.Equal("mocov2", root.GetProperty("method").GetString());
            Assert.Equal("small-resnet", root.GetProperty("backbone").GetString());
            Assert.Equal(32, root.GetProperty("batch_size").GetInt32());
            Assert.Equal(3, root.GetProperty("steps").GetInt32());
            Assert.True(root.GetProperty("threads").GetInt32() >= 1);
            AssertConsistent(root);
            Assert.True(root.GetProperty("step_alone_peak_rss_mb").GetDouble() > 0);
            Assert.True(root.GetProperty("pipeline_peak_rss_mb").GetDouble() > 0);

            var rounds = root.GetProperty("rounds").EnumerateArray().ToList();
            Assert.Equal(new[] { 1, 2 }, rounds.Select(r => r.GetProperty("round").GetInt32()));
            foreach (var round in rounds) AssertConsistent(round);

            // Alternating child processes: step 1, pipeline 1, step 2, pipeline 2.
            var text = bench.Output;
            var order = new[] { "[step 1]", "[pipeline 1]", "[step 2]", "[pipeline 2]" }.Select(tag => text.IndexOf(tag, StringComparison.Ordinal)).ToList();
            Assert.All(order, i => Assert.True(i >= 0, "a phase printed nothing"));
            Assert.Equal(order.Order(), order);
            Assert.Contains("pipeline efficiency", text);
        }
        finally
        {
            output.WriteLine(bench.Output);
            work.Delete(recursive: true);
        }
    }

    private static void AssertConsistent(JsonElement figures)
    {
        var alone = figures.GetProperty("step_alone_images_per_second").GetDouble();
        var pipeline = figures.GetProperty("pipeline_images_per_second").GetDouble();
        var efficiency = figures.GetProperty("efficiency").GetDouble();
        Assert.True(alone > 0 && pipeline > 0, $"images/s must be positive: {alone}, {pipeline}");
        Assert.True(efficiency > 0);
        Assert.Equal(pipeline / alone, efficiency, 4);
        // images/s are the batch over the median step time (the JSON's milliseconds are rounded to 0.01).
        AssertClose(32 * 1000 / figures.GetProperty("step_alone_median_ms").GetDouble(), alone);
        AssertClose(32 * 1000 / figures.GetProperty("pipeline_median_step_ms").GetDouble(), pipeline);
        var wait = figures.GetProperty("trainer_wait_fraction").GetDouble();
        Assert.InRange(wait, 0, 1);
        Assert.Equal(figures.GetProperty("pipeline_mean_images_per_second").GetDouble() / figures.GetProperty("step_alone_mean_images_per_second").GetDouble(),
            figures.GetProperty("efficiency_mean").GetDouble(), 4);
    }

    private static void AssertClose(double expected, double actual) =>
        Assert.True(Math.Abs(expected - actual) <= 0.01 * expected, $"expected {expected} within 1 %, got {actual}");
}
