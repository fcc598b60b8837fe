using Akka.Actor;
using Akka.Cluster;
using ActorSsl.Actors.Loading;

namespace ActorSsl.Actors.Cluster;

/// <summary>
/// Trainer side: turns the cluster failure detector's verdicts into <see cref="NodeUnreachable"/> for the data
/// loader, so that a killed augment node's leases are reissued within seconds (the failure detector's pause)
/// instead of after downing and removal.
/// </summary>
public sealed class UnreachableRelay : ReceiveActor
{
    public static Props Props(IActorRef loader) => Akka.Actor.Props.Create(() => new UnreachableRelay(loader));

    public UnreachableRelay(IActorRef loader)
    {
        Receive<ClusterEvent.UnreachableMember>(m => loader.Tell(new NodeUnreachable(m.Member.Address)));
        Receive<ClusterEvent.MemberRemoved>(m => loader.Tell(new NodeUnreachable(m.Member.Address)));
        Receive<ClusterEvent.IMemberEvent>(_ => { });
    }

    protected override void PreStart() =>
        Akka.Cluster.Cluster.Get(Context.System).Subscribe(Self, ClusterEvent.SubscriptionInitialStateMode.InitialStateAsEvents,
            typeof(ClusterEvent.UnreachableMember), typeof(ClusterEvent.MemberRemoved));

    protected override void PostStop() => Akka.Cluster.Cluster.Get(Context.System).Unsubscribe(Self);
}
