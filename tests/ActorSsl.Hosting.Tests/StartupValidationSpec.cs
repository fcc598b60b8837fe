using Akka.Actor;
using Akka.Configuration;
using Akka.Cluster.Hosting;
using Akka.Hosting;
using Akka.Remote.Hosting;
using ActorSsl.Core.Settings;
using ActorSsl.Hosting.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ActorSsl.Hosting.Tests;

/// <summary>Bad configuration must stop the host's start with a message that names the key.</summary>
public class StartupValidationSpec
{
    private static async Task<ActorSslConfigException> StartFails(Action<AkkaConfigurationBuilder> configure)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.Services.AddAkka("actorssl", (akka, _) => configure(akka));
        using var host = builder.Build();
        try
        {
            return await Assert.ThrowsAsync<ActorSslConfigException>(() => host.StartAsync(TestContext.Current.CancellationToken));
        }
        finally
        {
            // The system exists when the failure came from a start-up check; not when the builder itself refused.
            ActorSystem? system = null;
            try { system = host.Services.GetService<ActorSystem>(); }
            catch (ActorSslConfigException) { }
            if (system != null) await system.Terminate();
        }
    }

    [Fact]
    public async Task Unknown_key_given_to_WithActorSsl_must_fail_the_start_naming_it()
    {
        var e = await StartFails(akka => akka.WithActorSsl("actorssl.pipeline.batch-szie = 32"));
        Assert.Contains("actorssl.pipeline.batch-szie", e.Message);
    }

    [Fact]
    public async Task Bad_value_added_by_other_HOCON_must_fail_the_start_naming_the_key()
    {
        var e = await StartFails(akka => akka
            .WithActorSsl(SpecConfig.Create())
            .AddHocon(ConfigurationFactory.ParseString("actorssl.pipeline.batch-size = 0"), HoconAddMode.Prepend));
        Assert.Contains("actorssl.pipeline.batch-size", e.Message);
    }

    [Fact]
    public async Task Unknown_key_added_by_other_HOCON_must_fail_the_start_naming_it()
    {
        var e = await StartFails(akka => akka
            .AddHocon(ConfigurationFactory.ParseString("actorssl.augment.wrokers = 3"), HoconAddMode.Prepend)
            .WithActorSsl());
        Assert.Contains("actorssl.augment.wrokers", e.Message);
    }

    [Fact]
    public async Task Augment_node_without_clustering_must_fail_the_start()
    {
        var e = await StartFails(akka => akka.WithActorSsl().WithActorSslAugmentNode());
        Assert.Contains("akka.actor.provider", e.Message);
    }

    [Fact]
    public async Task Cluster_node_whose_remote_frames_are_too_small_for_chunks_must_fail_the_start()
    {
        var e = await StartFails(akka => akka
            .WithRemoting("127.0.0.1", 0) // Akka's default frame: 128 000 bytes
            .WithClustering(new ClusterOptions { Roles = ["augment"] })
            .WithActorSsl()
            .WithActorSslAugmentNode());
        Assert.Contains("akka.remote.dot-netty.tcp.maximum-frame-size", e.Message);
    }

    [Fact]
    public async Task Pipeline_with_no_workers_outside_a_cluster_must_fail_the_start()
    {
        var e = await StartFails(akka => akka
            .WithActorSsl(SpecConfig.Create())
            .WithActorSslPipeline(new ActorSslPipelineOptions { Source = _ => new SyntheticSource(64), LocalWorkers = 0 }));
        Assert.Contains("LocalWorkers = 0", e.Message);
    }
}
