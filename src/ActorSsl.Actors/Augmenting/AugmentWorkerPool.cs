using Akka.Actor;
using Akka.Event;
using ActorSsl.Core.Settings;

namespace ActorSsl.Actors.Augmenting;

/// <summary>
/// Parent of the augmentation workers of one node. A worker that throws is stopped, not restarted:
/// stopping makes the data loader see it terminate and reissue its leases; the pool then starts a fresh
/// worker in its place (up to a budget, so a worker that always crashes cannot loop forever).
/// </summary>
public sealed class AugmentWorkerPool : ReceiveActor
{
    private readonly Props _workerProps;
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private int _replacementsLeft;
    private int _nextId;

    public static Props Props(AugmentWorkerSetup setup, int workers, IActorRef loader, IActorRef inbox, string? dispatcher = ActorSslSettings.AugmentDispatcher)
    {
        var worker = AugmentWorker.Props(setup, loader, inbox);
        if (dispatcher != null) worker = worker.WithDispatcher(dispatcher);
        return Akka.Actor.Props.Create(() => new AugmentWorkerPool(worker, workers));
    }

    public AugmentWorkerPool(Props workerProps, int workers)
    {
        _workerProps = workerProps;
        _replacementsLeft = workers * 10;
        for (var i = 0; i < workers; i++) StartWorker();

        Receive<Terminated>(t =>
        {
            if (_replacementsLeft-- > 0)
            {
                _log.Warning("Augmentation worker {0} stopped; starting a replacement", t.ActorRef.Path.Name);
                StartWorker();
            }
            else
            {
                _log.Error("Augmentation workers keep failing; no replacement for {0}", t.ActorRef.Path.Name);
            }
        });
    }

    protected override SupervisorStrategy SupervisorStrategy() =>
        new OneForOneStrategy(e =>
        {
            _log.Error(e, "Augmentation worker failed");
            return Directive.Stop;
        });

    private void StartWorker() => Context.Watch(Context.ActorOf(_workerProps, $"augment-{++_nextId}"));
}
