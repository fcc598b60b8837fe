using System.Text.Json;
using ActorSsl.Imaging.Benchmarks;
using Xunit.Abstractions;

namespace ActorSsl.Cli.Tests;

/// <summary>
/// <c>actorssl bench augment</c> runs end to end as a process and writes a consistent report; bad options are clear
/// errors. No speed is asserted (only that work was done and the numbers agree with each other).
/// </summary>
public class AugmentBenchSpec(ITestOutputHelper output)
{
    private const string FashionMnist = "/usr/share/datasets/fashion-mnist";

    [Fact]
    public async Task Bench_augment_must_report_consistent_throughput_on_fashion_mnist_at_28_px()
    {
        Assert.True(Directory.Exists(FashionMnist), $"{FashionMnist} is missing: install it with apt-get install dataset-fashion-mnist (deploy/prerequisites.sh does)");
        var work = Directory.CreateTempSubdirectory("actorssl-bench-augment-");
        try
        {
            var root = await RunAsync(work, "--seconds", "1");
            Assert.Equal(28, root.GetProperty("size").GetInt32());
            Assert.Equal(1, root.GetProperty("channels").GetInt32());
            Assert.Equal("fashion-mnist", root.GetProperty("source").GetString());
            Assert.EndsWith("fashion-mnist-moco.conf", root.GetProperty("config").GetString());
            AssertConsistent(root, workers: 1, seconds: 1);
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task Bench_augment_must_decode_a_jpeg_per_sample_on_every_worker_with_the_photo_preset_above_64_px()
    {
        var work = Directory.CreateTempSubdirectory("actorssl-bench-augment-");
        try
        {
            var jpeg = Path.Combine(work.FullName, "photo.jpg");
            File.WriteAllBytes(jpeg, SyntheticPhoto.Jpeg(160, 120));
            var root = await RunAsync(work, "--size", "96", "--source", "jpeg:" + jpeg, "--workers", "2", "--seconds", "1.0");
            Assert.Equal(96, root.GetProperty("size").GetInt32());
            Assert.Equal(3, root.GetProperty("channels").GetInt32());
            Assert.Equal("jpeg:" + jpeg, root.GetProperty("source").GetString());
            Assert.EndsWith("imagefolder-224.conf", root.GetProperty("config").GetString());
            AssertConsistent(root, workers: 2, seconds: 1);
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }

    public static TheoryData<string[], string> Mistakes => new()
    {
        { ["--source", "png:photo.png"], "--source 'png:photo.png' must be fashion-mnist or jpeg:PATH" },
        { ["--source", "jpeg:/nonexistent/photo.jpg"], "/nonexistent/photo.jpg does not exist" },
        { ["--source", "jpeg:README.md"], "cannot be loaded: unknown image format" },
        { ["--size", "4"], "--size '4' must be a whole number ≥ 8" },
        { ["--seconds", "soon"], "--seconds 'soon' must be a number" },
        { ["--threads", "2"], "unknown option --threads" },
    };

    [Theory]
    [MemberData(nameof(Mistakes))]
    public async Task Bench_augment_must_refuse_bad_options_with_a_clear_message(string[] options, string message)
    {
        Assert.True(File.Exists(ActorSslProcess.ProgramPath), $"{ActorSslProcess.ProgramPath} is missing: build src/ActorSsl.Cli first");
        using var bench = new ActorSslProcess("bench-augment", ["bench", "augment", "--seconds", "1", .. options]);
        Assert.True(await bench.WaitForExitAsync(TimeSpan.FromSeconds(60)), "bench augment did not finish within 60 s");
        output.WriteLine(bench.Output);
        Assert.Equal(2, bench.ExitCode);
        Assert.Contains(message, bench.Output);
    }

    private async Task<JsonElement> RunAsync(DirectoryInfo work, params string[] options)
    {
        Assert.True(File.Exists(ActorSslProcess.ProgramPath), $"{ActorSslProcess.ProgramPath} is missing: build src/ActorSsl.Cli first");
        var json = Path.Combine(work.FullName, "augment.json");
        using var bench = new ActorSslProcess("bench-augment", ["bench", "augment", .. options, "--json", json]);
        Assert.True(await bench.WaitForExitAsync(TimeSpan.FromSeconds(90)), "bench augment did not finish within 90 s");
        output.WriteLine(bench.Output);
        Assert.Equal(0, bench.ExitCode);
        Assert.Contains("pairs/s", bench.Output);
        using var document = JsonDocument.Parse(File.ReadAllText(json));
        return document.RootElement.Clone();
    }

    private static void AssertConsistent(JsonElement root, int workers, double seconds)
    {
        var pairs = root.GetProperty("pairs").GetInt64();
        var elapsed = root.GetProperty("seconds").GetDouble();
        var perSecond = root.GetProperty("pairs_per_second").GetDouble();
        Assert.Equal(workers, root.GetProperty("workers").GetInt32());
        Assert.True(pairs > 0, $"no pair rendered in {elapsed} s");
        Assert.True(elapsed >= seconds, $"the timed part lasted {elapsed} s, less than the {seconds} s asked for");
        Assert.InRange(perSecond, pairs / elapsed * 0.99 - 0.1, pairs / elapsed * 1.01 + 0.1);
        Assert.InRange(root.GetProperty("pairs_per_second_per_worker").GetDouble(), perSecond / workers - 0.1, perSecond / workers + 0.1);
        Assert.True(root.GetProperty("decode_ms_per_pair").GetDouble() > 0);
        Assert.True(root.GetProperty("render_ms_per_pair").GetDouble() > 0);
        Assert.Contains("ImageSharp 2.1", root.GetProperty("runtime").GetString());
    }
}
