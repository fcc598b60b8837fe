using Akka.Actor;
using Akka.TestKit.Xunit2;
using ActorSsl.Actors.Tests.Support;
using ActorSsl.Core.Settings;
using ActorSsl.Data.Epochs;

namespace ActorSsl.Actors.Tests;

public class PipelineSpec() : TestKit(SpecConfig.Create())
{
    private sealed record Delivered(int Epoch, int Index, long Step, byte[] Pixels);

    private async Task<(List<Delivered> Samples, Coordination.RunReport Report)> Run(int workers, int samples, int epochs,
        Action<RunningPipeline>? duringRun = null, HashSet<int>? broken = null, string prefix = "p")
    {
        var settings = ActorSslSettings.Create(SpecConfig.Create($"actorssl.augment.workers = {workers}\nactorssl.run.epochs = {epochs}"));
        var source = new SyntheticSource(samples, broken: broken);
        var pipeline = ActorSslPipeline.Start(Sys, settings, source, prefix);
        var delivered = new List<Delivered>();
        var batches = 0;
        await foreach (var batch in pipeline.Batches.ReadAllAsync())
        {
            for (var k = 0; k < batch.Count; k++)
            {
                var sample = new byte[batch.Views * batch.ViewBytes];
                for (var v = 0; v < batch.Views; v++)
                    batch.View(v).Slice(k * batch.ViewBytes, batch.ViewBytes).CopyTo(sample.AsSpan(v * batch.ViewBytes));
                delivered.Add(new Delivered(batch.Epoch, batch.Indices[k], batch.Step, sample));
            }
            batch.Dispose();
            if (++batches == 3) duringRun?.Invoke(pipeline);
        }
        var report = await pipeline.Completion.WaitAsync(TimeSpan.FromSeconds(20));
        await pipeline.DisposeAsync();
        return (delivered, report);
    }

    [Fact]
    public async Task Every_index_must_be_delivered_exactly_once_per_epoch()
    {
        var (samples, report) = await Run(workers: 3, samples: 200, epochs: 2);
        var planned = EpochPlan.PlannedPerEpoch(200, 16, dropLast: true);
        foreach (var epoch in new[] { 1, 2 })
        {
            var indices = samples.Where(s => s.Epoch == epoch).Select(s => s.Index).ToList();
            Assert.Equal(planned, indices.Count);
            Assert.Equal(planned, indices.Distinct().Count());
            Assert.Equal(EpochPlan.Create(42, epoch, 200, planned).Slice(0, planned), indices);
        }
        Assert.Equal(2, report.Epochs.Count);
        Assert.All(report.Epochs, e => Assert.Equal(0, e.Missing));
        Assert.Equal(0, report.Duplicates);
    }

    [Fact]
    public async Task One_and_four_workers_must_deliver_byte_identical_batches()
    {
        var (one, _) = await Run(workers: 1, samples: 120, epochs: 2, prefix: "one");
        var (four, _) = await Run(workers: 4, samples: 120, epochs: 2, prefix: "four");
        Assert.Equal(one.Count, four.Count);
        for (var i = 0; i < one.Count; i++)
        {
            Assert.Equal((one[i].Epoch, one[i].Index, one[i].Step), (four[i].Epoch, four[i].Index, four[i].Step));
            Assert.Equal(one[i].Pixels, four[i].Pixels);
        }
        // The two views of a sample differ: the augmentation really ran.
        var viewBytes = one[0].Pixels.Length / 2;
        Assert.Contains(one, s => !s.Pixels.AsSpan(0, viewBytes).SequenceEqual(s.Pixels.AsSpan(viewBytes)));
    }

    [Fact]
    public async Task Killed_worker_must_not_lose_samples()
    {
        var (samples, report) = await Run(workers: 2, samples: 400, epochs: 1, duringRun: pipeline =>
        {
            // Kill one worker mid-epoch: its leases are reissued and the pool starts a replacement.
            Sys.ActorSelection(pipeline.Workers.Path / "augment-1").Tell(PoisonPill.Instance);
        }, prefix: "kill");
        Assert.Equal(EpochPlan.PlannedPerEpoch(400, 16, true), samples.Select(s => s.Index).Distinct().Count());
        Assert.Equal(0, report.Missing);
    }

    [Fact]
    public async Task Unreadable_samples_must_be_skipped_counted_and_reported()
    {
        var (samples, report) = await Run(workers: 2, samples: 64, epochs: 1, broken: new HashSet<int> { 3, 40 }, prefix: "broken");
        Assert.DoesNotContain(samples, s => s.Index is 3 or 40);
        Assert.Equal(62, samples.Count);
        Assert.Equal(2, report.Epochs.Single().Skipped);
        Assert.Equal(0, report.Missing);
        Assert.Equal(new[] { "synthetic#3", "synthetic#40" }, report.Skipped.Select(s => s.Source).Order());
    }
}
