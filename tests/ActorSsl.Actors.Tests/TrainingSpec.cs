using Akka.Actor;
using Akka.TestKit.Xunit2;
using ActorSsl.Actors.Tests.Support;
using ActorSsl.Actors.Training;
using ActorSsl.Core.Settings;
using ActorSsl.Training.Checkpoints;
using ActorSsl.Training.Loop;

namespace ActorSsl.Actors.Tests;

public class TrainingSpec() : TestKit(SpecConfig.Create())
{
    private readonly string _dir = Directory.CreateTempSubdirectory("actorssl-train-").FullName;

    private ActorSslSettings Settings(int epochs, string method = "mocov2") => ActorSslSettings.Create(SpecConfig.Create($$"""
        actorssl.run.epochs = {{epochs}}
        actorssl.train.method = {{method}}
        actorssl.train.byol { projection-hidden = 16, projection-dim = 8, predictor-hidden = 16 }
        actorssl.train.widths = [16, 16, 16]
        actorssl.train.threads = 1
        actorssl.train.moco { queue-size = 64, projection-hidden = 16, projection-dim = 8 }
        """));

    private TrainerSetup Setup(ActorSslSettings settings, SyntheticSource source, string? resume = null, long maxSteps = 0) =>
        new(ActorSslTraining.Options(settings, source),
            new TrainingLoopOptions { CheckpointDirectory = _dir, CheckpointEverySteps = 0, ResumeFrom = resume, MaxSteps = maxSteps },
            Evaluate: null);

    [Fact]
    public async Task Trainer_must_train_every_step_through_the_pipeline_and_checkpoint_each_epoch()
    {
        var settings = Settings(epochs: 2);
        var source = new SyntheticSource(40);
        var run = ActorSslTraining.Start(Sys, settings, source, Setup(settings, source), prefix: "t1");
        var report = await run.Pipeline.Completion.WaitAsync(TimeSpan.FromSeconds(120));
        await run.DisposeAsync();

        var tally = report.Training!;
        Assert.True(tally.Finished!.Completed, tally.Finished.Error);
        Assert.Equal(4, tally.Steps);                      // 40 samples, batch 16, drop-last: 2 steps × 2 epochs
        Assert.Equal(64, tally.Samples);
        Assert.True(File.Exists(Path.Combine(_dir, "epoch-1.ckpt")));
        Assert.True(File.Exists(Path.Combine(_dir, "epoch-2.ckpt")));
        Assert.Equal(4, CheckpointFile.ReadMetadata(Path.Combine(_dir, "last.ckpt")).NextStep);
        Assert.All(report.Epochs, e => Assert.Equal(0, e.Missing));
    }

    [Fact]
    public async Task Byol_trainer_must_train_through_the_pipeline_and_checkpoint_under_its_name()
    {
        var settings = Settings(epochs: 1, method: "byol");
        var source = new SyntheticSource(40);
        var run = ActorSslTraining.Start(Sys, settings, source, Setup(settings, source), prefix: "tb");
        Assert.True(run.Queue.IsNobody());                 // BYOL has no queue: no MoCoQueue actor
        Assert.False(run.Ema.IsNobody());
        var report = await run.Pipeline.Completion.WaitAsync(TimeSpan.FromSeconds(120));
        await run.DisposeAsync();

        Assert.True(report.Training!.Finished!.Completed, report.Training.Finished.Error);
        Assert.Equal(2, report.Training.Steps);
        Assert.Equal("byol", CheckpointFile.ReadMetadata(Path.Combine(_dir, "last.ckpt")).Method);
    }

    [Fact]
    public async Task Stopped_trainer_must_checkpoint_and_resume_where_it_stopped()
    {
        var settings = Settings(epochs: 2);
        var source = new SyntheticSource(40);
        var first = ActorSslTraining.Start(Sys, settings, source, Setup(settings, source, maxSteps: 1), prefix: "t2a");
        var stopped = await first.Pipeline.Completion.WaitAsync(TimeSpan.FromSeconds(120));
        await first.DisposeAsync();
        Assert.False(stopped.Training!.Finished!.Completed);
        var last = Path.Combine(_dir, "last.ckpt");
        Assert.Equal(1, CheckpointFile.ReadMetadata(last).NextStep);

        var second = ActorSslTraining.Start(Sys, settings, source, Setup(settings, source, resume: last), firstStep: 1, prefix: "t2b");
        var resumed = await second.Pipeline.Completion.WaitAsync(TimeSpan.FromSeconds(120));
        await second.DisposeAsync();
        Assert.True(resumed.Training!.Finished!.Completed, resumed.Training.Finished.Error);
        Assert.Equal(3, resumed.Training.Steps);
        Assert.Equal(4, CheckpointFile.ReadMetadata(last).NextStep);
    }

    [Fact]
    public async Task Stop_request_must_end_training_after_a_checkpoint()
    {
        var settings = Settings(epochs: 500);
        var source = new SyntheticSource(40);
        var run = ActorSslTraining.Start(Sys, settings, source, Setup(settings, source), prefix: "t3");
        await AwaitAssertAsync(async () =>
        {
            var tally = await run.Pipeline.Coordinator.Ask<ActorSsl.Actors.Coordination.TrainingTally>(
                ActorSsl.Actors.Coordination.Coordinator.GetTrainingTally.Instance, TimeSpan.FromSeconds(3));
            Assert.True(tally.Steps >= 2);
        }, TimeSpan.FromSeconds(60));
        run.RequestStop();
        var report = await run.Pipeline.Completion.WaitAsync(TimeSpan.FromSeconds(60));
        await run.DisposeAsync();

        Assert.False(report.Training!.Finished!.Completed);
        Assert.True(report.Training.Steps < 1000);
        Assert.Equal(report.Training.Steps, CheckpointFile.ReadMetadata(Path.Combine(_dir, "last.ckpt")).NextStep);
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing) Directory.Delete(_dir, recursive: true);
    }
}
