using Akka;
using Akka.Actor;
using Akka.Hosting;
using ActorSsl.Actors;
using ActorSsl.Actors.Coordination;
using ActorSsl.Core.Settings;
using ActorSsl.Core.Sources;
using ActorSsl.Data;

namespace ActorSsl.Hosting;

/// <summary>What data-only and training runs share when a host starts them: settings, sample source, shutdown hook.</summary>
internal static class HostedRun
{
    public const string DefaultPrefix = "actorssl";

    /// <summary>The run's settings: the system's validated <c>actorssl</c> section, with this process's worker count.</summary>
    public static ActorSslSettings Settings(ActorSystem system, int? localWorkers, string what)
    {
        var settings = ActorSslHostingExtensions.Validate(system);
        CheckFrameSize(system, settings);
        if (localWorkers is not { } workers) return settings;
        if (workers < 0) throw new ActorSslConfigException($"{what}: LocalWorkers = {workers} cannot be negative.");
        if (workers == 0 && !ActorSslPipeline.IsClustered(system))
            throw new ActorSslConfigException($"{what}: LocalWorkers = 0 needs a clustered ActorSystem whose augment nodes serve the run; nothing would augment its samples.");
        return settings with { Augment = settings.Augment with { Workers = workers } };
    }

    /// <summary>
    /// In a cluster, chunks (<c>actorssl.pipeline.chunk-max-bytes</c>) and lease parts (<c>actorssl.cluster.lease-max-bytes</c>)
    /// cross the network whole: a remote frame smaller than they are would drop them (Akka's default is 128 000 bytes;
    /// hocon/cluster/base.conf uses 4 MiB, as Akka.Remote.Hosting's <c>RemoteOptions.MaxFrameSize</c> can).
    /// </summary>
    public static void CheckFrameSize(Akka.Actor.ActorSystem system, ActorSslSettings settings)
    {
        const string key = "akka.remote.dot-netty.tcp.maximum-frame-size";
        if (!ActorSslPipeline.IsClustered(system) || !system.Settings.Config.HasPath(key)) return;
        var frame = system.Settings.Config.GetByteSize(key) ?? 0;
        var needed = Math.Max(settings.Pipeline.ChunkMaxBytes, settings.Cluster.LeaseMaxBytes) + FrameOverhead;
        if (frame < needed)
            throw new ActorSslConfigException($"{key} = {frame}: ActorSsl sends chunks of up to actorssl.pipeline.chunk-max-bytes = {settings.Pipeline.ChunkMaxBytes} " +
                                              $"and lease parts of up to actorssl.cluster.lease-max-bytes = {settings.Cluster.LeaseMaxBytes} bytes; " +
                                              $"raise it to at least {needed} (e.g. WithRemoting(new RemoteOptions {{ MaxFrameSize = 4 * 1024 * 1024 }})) or lower those two.");
    }

    /// <summary>Room for a chunk's or lease's indices, reasons and envelope beside its payload.</summary>
    private const int FrameOverhead = 64 * 1024;

    public static ISampleSource OpenSource(ActorSslSettings settings, Func<ActorSslSettings, ISampleSource>? open) =>
        open?.Invoke(settings) ?? SampleSourceFactory.Open(settings.Data, settings.Run.MaxSamples);

    /// <summary>Registers the run's actors and asks the run to stop when the host shuts down, before the system goes.</summary>
    public static void Register(ActorSystem system, IActorRegistry registry, ActorSslRunHandle handle, TimeSpan stopTimeout)
    {
        registry.Register<Coordinator>(handle.Pipeline!.Coordinator);
        if (handle.Training is { } training) registry.Register<Actors.Training.Trainer>(training.Trainer);
        CoordinatedShutdown.Get(system).AddTask(CoordinatedShutdown.PhaseBeforeServiceUnbind, "actorssl-stop-run", async () =>
        {
            if (handle.Completion.IsCompleted) return Done.Instance;
            handle.RequestStop();
            try
            {
                await handle.Completion.WaitAsync(stopTimeout);
            }
            catch (Exception)
            {
                // Timed out, cancelled or failed: shutdown goes on; the handle reports what happened.
            }
            return Done.Instance;
        });
    }
}
