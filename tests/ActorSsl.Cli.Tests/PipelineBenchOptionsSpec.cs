using Xunit.Abstractions;

namespace ActorSsl.Cli.Tests;

/// <summary>Bad input to <c>actorssl bench pipeline</c> stops it at once (exit 2) with a message naming the option and the fix.</summary>
public class PipelineBenchOptionsSpec(ITestOutputHelper output)
{
    [Theory]
    [InlineData("--bogus 1", "unknown option --bogus", "--steps")]
    [InlineData("--steps 0", "--steps '0' must be a whole number ≥ 1", "--steps")]
    [InlineData("--warmup 0", "--warmup 0 is not allowed", "--warmup 1")]
    [InlineData("--set run.epochs=3", "--set run.epochs is the bench's own", "--steps")]
    [InlineData("--set actorssl.train.eval.knn-every-epochs=1", "--set train.eval.knn-every-epochs is the bench's own", "--steps")]
    [InlineData("--steps 2000", "exceeds the 1024 steps", "lower --steps")]
    [InlineData("--steps 1000", "need 258,560 samples", "lower --steps (at most 224)")]
    [InlineData("--set pipeline.batch-szie=8", "actorssl.pipeline.batch-szie", "Check the spelling")]
    [InlineData("--phase warp --phase-json x.json", "--phase 'warp' must be step or pipeline", "step or pipeline")]
    public async Task Bad_options_must_fail_naming_the_option_and_the_fix(string options, string problem, string fix)
    {
        Assert.True(File.Exists(ActorSslProcess.ProgramPath), $"{ActorSslProcess.ProgramPath} is missing: build src/ActorSsl.Cli first");
        using var bench = new ActorSslProcess("bench-pipeline", ["bench", "pipeline", .. options.Split(' ')]);
        Assert.True(await bench.WaitForExitAsync(TimeSpan.FromSeconds(60)), "bench pipeline did not stop");
        output.WriteLine(bench.Output);
        Assert.Equal(2, bench.ExitCode);
        Assert.Contains(problem, bench.Output);
        Assert.Contains(fix, bench.Output);
        Assert.DoesNotContain("[step 1]", bench.Output);
    }
}
