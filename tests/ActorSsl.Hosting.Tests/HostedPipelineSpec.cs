using Akka.Hosting;
using Akka.Hosting.TestKit;
using ActorSsl.Actors.Coordination;
using ActorSsl.Core.Messages;
using ActorSsl.Core.Serialization;
using ActorSsl.Data.Epochs;
using ActorSsl.Hosting.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace ActorSsl.Hosting.Tests;

public class HostedPipelineSpec(ITestOutputHelper output) : TestKit("actorssl", output)
{
    private readonly SyntheticSource _source = new(200);
    private int _batches;
    private int _samples;

    protected override void ConfigureServices(HostBuilderContext context, IServiceCollection services) => services.AddActorSslRunHandle();

    protected override void ConfigureAkka(AkkaConfigurationBuilder builder, IServiceProvider provider) =>
        builder.WithActorSsl(SpecConfig.Create())
            .WithActorSslPipeline(new ActorSslPipelineOptions
            {
                Source = _ => _source,
                OnBatch = (batch, _) =>
                {
                    _batches++;
                    _samples += batch.Count;
                    return ValueTask.CompletedTask;
                },
            });

    [Fact]
    public async Task Hosted_pipeline_must_deliver_every_batch_and_complete_with_nothing_missing()
    {
        var handle = Host.Services.GetRequiredService<ActorSslRunHandle>();
        Assert.Same(ActorSslRunHandle.For(Sys), handle);
        var report = await handle.Completion.WaitAsync(TimeSpan.FromSeconds(60), TestContext.Current.CancellationToken);

        var planned = EpochPlan.PlannedPerEpoch(200, 16, dropLast: true);
        Assert.Equal(2, report.Epochs.Count);
        Assert.All(report.Epochs, e => Assert.Equal(planned, e.Delivered));
        Assert.Equal(0, report.Missing);
        Assert.Equal(0, report.Duplicates);
        Assert.Equal(2 * planned / 16, _batches);
        Assert.Equal(2 * planned, _samples);
        Assert.True(_source.Disposed, "the run closes its source when it ends");
    }

    [Fact]
    public void Reference_configuration_and_serializer_bindings_must_reach_the_system()
    {
        var config = Sys.Settings.Config;
        Assert.Equal(16, config.GetInt("actorssl.pipeline.batch-size"));           // the app's setting
        Assert.Equal("bytes", config.GetString("actorssl.cluster.data-transport")); // a reference default
        Assert.IsType<ActorSslSerializer>(Sys.Serialization.FindSerializerForType(typeof(Lease)));
        Assert.IsType<ActorSslSerializer>(Sys.Serialization.FindSerializerForType(typeof(RunOffer)));
    }

    [Fact]
    public async Task Run_coordinator_must_be_in_the_actor_registry()
    {
        var coordinator = await ActorRegistry.GetAsync<Coordinator>(TestContext.Current.CancellationToken);
        Assert.Equal(ActorSslRunHandle.For(Sys).Pipeline!.Coordinator, coordinator);
    }
}
