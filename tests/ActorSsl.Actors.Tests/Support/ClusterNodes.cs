using Akka.Actor;
using Akka.Cluster;
using Akka.Configuration;
using ActorSsl.Actors.Cluster;

namespace ActorSsl.Actors.Tests.Support;

/// <summary>
/// Several ActorSsl cluster nodes in one test process: separate ActorSystems named "actorssl" on 127.0.0.1 with
/// port 0, the cluster settings of hocon/cluster/base.conf (binary serializer only, JSON refused) and a quick
/// failure detector.
/// </summary>
public sealed class ClusterNodes : IAsyncDisposable
{
    private readonly List<ActorSystem> _systems = new();

    public static Config NodeConfig(string roles, string extra = "") => ConfigurationFactory.ParseString($$"""
        akka.actor.provider = cluster
        # Messages between nodes really are serialized here (remoting). serialize-messages would also push Akka's
        # own local-only cluster messages through serialization, and those have no serializer once JSON is refused.
        akka.actor.serialize-messages = off
        akka.actor.serializers.json = "ActorSsl.Core.Serialization.RejectingSerializer, ActorSsl.Core"
        akka.remote.dot-netty.tcp { hostname = 127.0.0.1, port = 0, maximum-frame-size = 4194304b }
        akka.cluster {
          roles = [{{roles}}]
          failure-detector { heartbeat-interval = 200ms, acceptable-heartbeat-pause = 1s }
          split-brain-resolver { active-strategy = keep-oldest, stable-after = 2s, keep-oldest { down-if-alone = off, role = trainer } }
        }
        akka.coordinated-shutdown.run-by-clr-shutdown-hook = off
        actorssl.cluster.offer-retry = 200ms
        {{extra}}
        """).WithFallback(SpecConfig.Create());

    public ActorSystem Start(string roles, string extra = "")
    {
        var system = ActorSystem.Create(ClusterRoles.SystemName, NodeConfig(roles, extra));
        _systems.Add(system);
        return system;
    }

    public static Address AddressOf(ActorSystem system) => Akka.Cluster.Cluster.Get(system).SelfAddress;

    /// <summary>Joins <paramref name="system"/> to <paramref name="seed"/> and waits until both see it Up.</summary>
    public static async Task JoinAsync(ActorSystem system, ActorSystem seed)
    {
        var up = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Akka.Cluster.Cluster.Get(system).RegisterOnMemberUp(() => up.TrySetResult());
        Akka.Cluster.Cluster.Get(system).Join(AddressOf(seed));
        await up.Task.WaitAsync(TimeSpan.FromSeconds(20));
    }

    /// <summary>Stops a node the way a crash does: no leave, no goodbye; the others must notice by themselves.</summary>
    public static async Task CrashAsync(ActorSystem system) => await system.Terminate();

    public async ValueTask DisposeAsync()
    {
        foreach (var system in _systems) await system.Terminate().WaitAsync(TimeSpan.FromSeconds(20));
    }
}
