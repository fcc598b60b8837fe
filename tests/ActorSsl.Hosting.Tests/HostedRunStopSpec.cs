using Akka.Hosting;
using Akka.Hosting.TestKit;
using ActorSsl.Hosting.Tests.Support;

namespace ActorSsl.Hosting.Tests;

public class HostedRunStopSpec(ITestOutputHelper output) : TestKit("actorssl", output)
{
    private readonly SyntheticSource _source = new(200);
    private int _batches;

    protected override void ConfigureAkka(AkkaConfigurationBuilder builder, IServiceProvider provider) =>
        builder.WithActorSsl(SpecConfig.Create("actorssl.run.epochs = 1000"))
            .WithActorSslPipeline(new ActorSslPipelineOptions
            {
                Source = _ => _source,
                OnBatch = (_, _) =>
                {
                    if (++_batches == 3) ActorSslRunHandle.For(Sys).RequestStop();
                    return ValueTask.CompletedTask;
                },
            });

    [Fact]
    public async Task Stopped_data_only_run_must_cancel_its_completion_stop_its_actors_and_close_its_source()
    {
        var handle = ActorSslRunHandle.For(Sys);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => handle.Completion.WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken));
        Assert.True(handle.Completion.IsCanceled);
        Assert.Equal(3, _batches);
        Assert.True(_source.Disposed);
        var probe = CreateTestProbe();
        probe.Watch(handle.Pipeline!.Coordinator);
        await probe.ExpectTerminatedAsync(handle.Pipeline.Coordinator, cancellationToken: TestContext.Current.CancellationToken);
    }
}
