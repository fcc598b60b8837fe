using Akka.Actor;
using Akka.Cluster;
using Akka.Event;
using ActorSsl.Actors.Augmenting;
using ActorSsl.Core.Messages;
using ActorSsl.Core.Settings;
using ActorSsl.Core.Sources;
using ActorSsl.Data;
using ActorSsl.Data.Shipping;

namespace ActorSsl.Actors.Cluster;

/// <summary>
/// The augment role of a node (<c>/user/actorssl-augment</c>). Discovery is by cluster membership: for every
/// member that is up with the trainer role it asks that member's <see cref="RunHost"/> (a well-known path) for the
/// run, every <c>actorssl.cluster.offer-retry</c> until one answers. On an offer it starts a pool of augmentation
/// workers that pull leases from the run's data loader and push chunks to its inbox against credit, exactly as
/// in one process. When the run ends (<see cref="RunEnded"/>, or the host terminates) the pool stops and the node
/// waits for the next run, or finishes when asked to serve only one.
/// </summary>
public sealed class AugmentNode : ReceiveActor, IWithTimers
{
    public const string Name = "actorssl-augment";

    private readonly AugmentNodeOptions _options;
    private readonly ActorSslSettings _local;
    private readonly TaskCompletionSource<string>? _finished;
    private readonly HashSet<Address> _trainers = new();
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private Serving? _serving;
    private int _runs;

    public ITimerScheduler Timers { get; set; } = null!;

    /// <param name="finished">Completed with the run id when <see cref="AugmentNodeOptions.ExitWhenRunEnds"/> and the run ends.</param>
    public static Props Props(AugmentNodeOptions options, TaskCompletionSource<string>? finished = null) =>
        Akka.Actor.Props.Create(() => new AugmentNode(options, finished));

    public AugmentNode(AugmentNodeOptions options, TaskCompletionSource<string>? finished)
    {
        _options = options;
        _finished = finished;
        _local = ActorSslSettings.Create(options.LocalConfig);

        Receive<ClusterEvent.MemberUp>(m =>
        {
            if (!m.Member.HasRole(ClusterRoles.Trainer)) return;
            _trainers.Add(m.Member.Address);
            AskForOffers();
        });
        Receive<ClusterEvent.MemberRemoved>(m => _trainers.Remove(m.Member.Address));
        Receive<ClusterEvent.IMemberEvent>(_ => { });
        Receive<AskTick>(_ => AskForOffers());
        Receive<RunOffer>(OnOffer);
        Receive<RunEnded>(m =>
        {
            if (_serving?.Offer.RunId == m.RunId) StopServing($"run {m.RunId} ended");
        });
        Receive<Terminated>(t =>
        {
            if (_serving != null && t.ActorRef.Equals(_serving.Host)) StopServing($"run host {t.ActorRef.Path} terminated");
        });
        Receive<GetStatus>(_ => Sender.Tell(new Status(_serving?.Offer.RunId, _runs, _trainers.Count)));
    }

    protected override void PreStart()
    {
        Akka.Cluster.Cluster.Get(Context.System).Subscribe(Self, ClusterEvent.SubscriptionInitialStateMode.InitialStateAsEvents,
            typeof(ClusterEvent.MemberUp), typeof(ClusterEvent.MemberRemoved));
        Timers.StartPeriodicTimer("ask", AskTick.Instance, _local.Cluster.OfferRetry);
    }

    protected override void PostStop()
    {
        Akka.Cluster.Cluster.Get(Context.System).Unsubscribe(Self);
        _serving?.Source?.Dispose();
    }

    private void AskForOffers()
    {
        if (_serving != null) return;
        foreach (var address in _trainers)
            Context.ActorSelection(new RootActorPath(address) / "user" / RunHost.Name).Tell(RequestRunOffer.Instance);
    }

    private void OnOffer(RunOffer offer)
    {
        if (_serving != null) return; // one run at a time; others ask again when this one ends
        ISampleSource? source = null;
        try
        {
            var run = ActorSslSettings.Create(ActorSslConfig.FromString(offer.ConfigHocon));
            var transport = offer.DataTransport;
            if (transport == "shared-path") source = SampleSourceFactory.Open(run.Data, run.Run.MaxSamples);
            else if (transport != "bytes") throw new ActorSslConfigException($"unknown data transport '{transport}'");
            var payloads = PayloadFormat.Parse(offer.PayloadFormat);
            var channels = run.Data.Channels;
            var sampleBytes = run.Augment.Views * channels * run.Augment.ImageSize * run.Augment.ImageSize;
            var setup = new AugmentWorkerSetup(source, run.Augment.Recipes, run.Augment.Views, run.Run.Seed,
                run.Pipeline.SamplesPerChunk(sampleBytes), payloads, channels, _local.Data.Limits);
            var workers = _local.Augment.Workers;
            var pool = Context.ActorOf(AugmentWorkerPool.Props(setup, workers, offer.Loader, offer.Inbox), $"run-{++_runs}");
            Context.Watch(Sender);
            _serving = new Serving(offer, Sender, pool, source);
            _log.Info("Serving run {0} from {1} with {2} augmentation worker(s), samples by {3}", offer.RunId, Sender.Path.Address, workers, transport);
        }
        catch (Exception e) when (e is ActorSslConfigException or IOException or InvalidDataException or FormatException or UnauthorizedAccessException)
        {
            source?.Dispose();
            _log.Error("Cannot serve run {0} offered by {1}: {2}", offer.RunId, Sender.Path.Address, e.Message);
        }
    }

    private void StopServing(string why)
    {
        var serving = _serving!;
        _serving = null;
        Context.Unwatch(serving.Host);
        Context.Stop(serving.Pool);
        serving.Source?.Dispose();
        _log.Info("Stopped serving: {0}", why);
        if (_options.ExitWhenRunEnds) _finished?.TrySetResult(serving.Offer.RunId);
        else AskForOffers();
    }

    private sealed record Serving(RunOffer Offer, IActorRef Host, IActorRef Pool, ISampleSource? Source);

    private sealed class AskTick : INoSerializationVerificationNeeded
    {
        public static readonly AskTick Instance = new();
    }

    /// <summary>Ask an augment node what it is doing (local, for tests and status lines).</summary>
    public sealed class GetStatus : INoSerializationVerificationNeeded
    {
        public static readonly GetStatus Instance = new();
    }

    /// <summary>The run being served (null when idle), how many runs were served, trainer nodes known.</summary>
    public sealed record Status(string? RunId, int RunsServed, int TrainerNodes) : INoSerializationVerificationNeeded;
}
