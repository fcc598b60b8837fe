using System.Threading.Channels;
using Akka.Actor;
using ActorSsl.Core.Messages;
using ActorSsl.Data.Batches;
using ActorSsl.Training.Loop;
using ActorSsl.Training.Methods;

namespace ActorSsl.Actors.Training;

/// <summary>
/// Owns the training thread. The thread reads batches from the inbox's bounded channel and does all tensor work;
/// this actor only starts it, relays what it reports to the coordinator, and stops it (a stop request makes
/// the thread finish its step, write a checkpoint and end). The training thread creates the key queue and the EMA
/// target (for the methods that have them) and hands them by reference to the <see cref="MoCoQueue"/> and <see cref="EmaTarget"/> actors that own them.
/// </summary>
public sealed class Trainer : ReceiveActor
{
    private readonly TrainerSetup _setup;
    private readonly ChannelReader<Batch> _batches;
    private readonly IActorRef _coordinator;
    private readonly IActorRef _queue;
    private readonly IActorRef _ema;
    private readonly CancellationTokenSource _stop = new();
    private Thread? _thread;

    public static Props Props(TrainerSetup setup, ChannelReader<Batch> batches, IActorRef coordinator, IActorRef queue, IActorRef ema) =>
        Akka.Actor.Props.Create(() => new Trainer(setup, batches, coordinator, queue, ema));

    public Trainer(TrainerSetup setup, ChannelReader<Batch> batches, IActorRef coordinator, IActorRef queue, IActorRef ema)
    {
        _setup = setup;
        _batches = batches;
        _coordinator = coordinator;
        _queue = queue;
        _ema = ema;

        Receive<StepMetrics>(m => _coordinator.Tell(m));
        Receive<EpochEvaluated>(m => _coordinator.Tell(m));
        Receive<CheckpointWritten>(m => _coordinator.Tell(m));
        Receive<TrainingFinished>(m =>
        {
            _thread?.Join();
            _queue.Tell(ReleaseTrainingState.Instance);
            _ema.Tell(ReleaseTrainingState.Instance);
            _coordinator.Tell(m);
        });
        Receive<StopTraining>(_ => _stop.Cancel());
    }

    protected override void PreStart()
    {
        var observer = new RelayObserver(Self);
        var queue = _queue;
        var ema = _ema;
        // The factories run on the training thread (all tensor work stays there) and hand ownership to the actors.
        var loop = new TrainingLoop(
            () =>
            {
                var session = new TrainingSession(_setup.Options, (created, target) =>
                {
                    // MoCo hands over both, BYOL only its target; the other methods have neither.
                    if (created != null) queue.Tell(new MoCoQueue.AdoptQueue(created));
                    if (target != null) ema.Tell(new EmaTarget.AdoptTarget(target));
                });
                TrainingLoop.Prepare(session, _setup.Loop.ResumeFrom);
                return session;
            },
            _batches, observer, _setup.Loop, _setup.Evaluate, _stop.Token);
        _thread = loop.Start();
    }

    protected override void PostStop()
    {
        _stop.Cancel();
        _thread?.Join(TimeSpan.FromMinutes(2));
    }

    /// <summary>Anyone → Trainer: finish the current step, checkpoint, and end the training thread.</summary>
    public sealed class StopTraining : INoSerializationVerificationNeeded
    {
        public static readonly StopTraining Instance = new();
    }

    /// <summary>Turns the training thread's reports into messages to the trainer actor (Tell is thread-safe).</summary>
    private sealed class RelayObserver(IActorRef trainer) : ITrainingObserver
    {
        public void OnStarted(TrainingCursor cursor) { }

        public void OnStep(StepResult s, double waitMilliseconds) =>
            trainer.Tell(new StepMetrics(s.Step, s.Epoch, s.Samples, s.Loss, s.LearningRate, s.StepMilliseconds, waitMilliseconds));

        public void OnEpochEvaluated(int epoch, double knnTop1) => trainer.Tell(new EpochEvaluated(epoch, knnTop1));

        public void OnCheckpoint(string path, long nextStep) => trainer.Tell(new CheckpointWritten(path, nextStep));

        public void OnFinished(bool completed, string? error) => trainer.Tell(new TrainingFinished(completed, error ?? ""));
    }
}
