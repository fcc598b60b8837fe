using Akka.Hosting;
using Akka.Hosting.TestKit;
using ActorSsl.Actors.Training;
using ActorSsl.Hosting.Tests.Support;
using ActorSsl.Training.Checkpoints;

namespace ActorSsl.Hosting.Tests;

public class HostedTrainingSpec(ITestOutputHelper output) : TestKit("actorssl", output, TimeSpan.FromSeconds(60))
{
    private readonly string _dir = Directory.CreateTempSubdirectory("actorssl-hosted-train-").FullName;

    protected override void ConfigureAkka(AkkaConfigurationBuilder builder, IServiceProvider provider) =>
        builder.WithActorSsl(SpecConfig.Create($$"""
                actorssl.run.epochs = 1
                actorssl.train {
                  widths = [16, 16, 16]
                  threads = 1
                  moco { queue-size = 64, projection-hidden = 16, projection-dim = 8 }
                  checkpoint { dir = "{{_dir}}", every-steps = 0 }
                }
                """))
            .WithActorSslTraining(new ActorSslTrainingOptions { Source = _ => new SyntheticSource(40) });

    [Fact]
    public async Task Hosted_training_must_train_every_step_and_checkpoint()
    {
        var handle = ActorSslRunHandle.For(Sys);
        var report = await handle.Completion.WaitAsync(TimeSpan.FromSeconds(120), TestContext.Current.CancellationToken);

        var tally = report.Training!;
        Assert.True(tally.Finished!.Completed, tally.Finished.Error);
        Assert.Equal(2, tally.Steps); // 40 samples, batch 16, drop-last: 2 steps
        Assert.Equal(0, report.Missing);
        Assert.Equal(2, CheckpointFile.ReadMetadata(Path.Combine(_dir, "last.ckpt")).NextStep);
        Assert.Equal(handle.Training!.Trainer, await ActorRegistry.GetAsync<Trainer>(TestContext.Current.CancellationToken));
    }

    protected override async Task AfterAllAsync()
    {
        await base.AfterAllAsync();
        try { Directory.Delete(_dir, recursive: true); }
        catch (IOException) { }
    }
}
