using Akka.Actor;
using Akka.Event;
using ActorSsl.Core.Messages;

namespace ActorSsl.Actors.Cluster;

/// <summary>
/// Lives at the well-known path <c>/user/actorssl-run</c> of a trainer node while a run is up, and tells augment
/// nodes how to serve it: any <see cref="RequestRunOffer"/> is answered with the run's <see cref="RunOffer"/>
/// (its configuration and the data loader and batch inbox to talk to). When it stops, at the end of the run, it
/// tells every node it served <see cref="RunEnded"/>; nodes that miss that message see it terminate.
/// </summary>
public sealed class RunHost : ReceiveActor
{
    /// <summary>Name under /user on every trainer node: augment nodes find it at member address + /user/actorssl-run.</summary>
    public const string Name = "actorssl-run";

    private readonly RunOffer _offer;
    private readonly HashSet<IActorRef> _served = new();
    private readonly ILoggingAdapter _log = Context.GetLogger();

    public static Props Props(RunOffer offer) => Akka.Actor.Props.Create(() => new RunHost(offer));

    public RunHost(RunOffer offer)
    {
        _offer = offer;
        Receive<RequestRunOffer>(_ =>
        {
            if (_served.Add(Sender))
            {
                _log.Info("Augment node {0} joins run {1}", Sender.Path.Address, _offer.RunId);
                Context.Watch(Sender);
            }
            Sender.Tell(_offer);
        });
        Receive<Terminated>(t => _served.Remove(t.ActorRef));
    }

    protected override void PostStop()
    {
        foreach (var node in _served) node.Tell(new RunEnded(_offer.RunId));
    }
}
