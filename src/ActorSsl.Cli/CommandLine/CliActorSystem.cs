using Akka.Actor;
using Akka.Configuration;
using ActorSsl.Actors.Cluster;

namespace ActorSsl.Cli.CommandLine;

/// <summary>
/// The ActorSystem of an <c>actorssl</c> process. Adds process-level defaults under the user's configuration (a
/// preset or --config file can still override them); a library user embedding ActorSsl keeps Akka's own defaults.
/// </summary>
public static class CliActorSystem
{
    /// <summary>
    /// Akka's scheduler ticks every 10 ms by default, waking a thread 100 times a second, and each wake-up on a
    /// 2-core machine preempts one of libtorch's two OpenMP threads. ActorSsl's own timers are 1 s or coarser and
    /// cluster heartbeats are 1 s, so a 50 ms tick loses nothing.
    /// </summary>
    public static readonly Config Defaults = ConfigurationFactory.ParseString("akka.scheduler.tick-duration = 50ms");

    public static ActorSystem Create(Config config) => ActorSystem.Create("actorssl", config.WithFallback(Defaults));

    /// <summary>A cluster node's system: with TLS (<c>actorssl.cluster.tls</c>) the certificate goes in through a setup.</summary>
    public static ActorSystem Create(Config config, ClusterTls? tls) =>
        tls == null ? Create(config) : ActorSystem.Create("actorssl", ClusterTls.CreateSetup(config.WithFallback(Defaults), tls));
}
