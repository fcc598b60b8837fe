using Akka.Hosting;
using ActorSsl.Actors;
using ActorSsl.Data;

namespace ActorSsl.Hosting;

/// <summary><c>WithActorSslPipeline</c>: a data-only ActorSsl run (no training) inside a host's ActorSystem.</summary>
public static class ActorSslPipelineHostingExtensions
{
    /// <summary>
    /// When the host starts: opens the run's samples and starts data loader, augmentation workers, batch inbox and
    /// coordinator (<see cref="ActorSslPipeline.Start"/>), delivering each batch to <see cref="ActorSslPipelineOptions.OnBatch"/>
    /// or dropping it. In a clustered ActorSystem the run is also offered to augment nodes through its run host. The
    /// coordinator is registered in the <see cref="ActorRegistry"/> (key <see cref="Actors.Coordination.Coordinator"/>);
    /// <see cref="ActorSslRunHandle"/> carries the report. Host shutdown stops the run first. Needs
    /// <see cref="ActorSslHostingExtensions.WithActorSsl"/>; bad configuration or unreadable data fails the host's start.
    /// </summary>
    public static AkkaConfigurationBuilder WithActorSslPipeline(this AkkaConfigurationBuilder builder, ActorSslPipelineOptions? options = null)
    {
        options ??= new ActorSslPipelineOptions();
        return builder.WithActors((system, registry) =>
        {
            const string what = nameof(WithActorSslPipeline);
            var handle = ActorSslRunHandle.For(system);
            handle.Claim(what);
            ISampleSource? source = null;
            try
            {
                var settings = HostedRun.Settings(system, options.LocalWorkers, what);
                source = HostedRun.OpenSource(settings, options.Source);
                var pipeline = ActorSslPipeline.Start(system, settings, source, options.Prefix ?? HostedRun.DefaultPrefix);
                handle.Attach(pipeline, null, [source], options.OnBatch);
            }
            catch (Exception e)
            {
                source?.Dispose();
                handle.Fail(e);
                throw;
            }
            HostedRun.Register(system, registry, handle, TimeSpan.FromSeconds(30));
        });
    }
}
