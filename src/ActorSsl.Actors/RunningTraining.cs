using Akka.Actor;
using ActorSsl.Actors.Training;

namespace ActorSsl.Actors;

/// <summary>
/// A started training run: the data pipeline plus trainer, MoCo queue and EMA target actors (<see cref="ActorRefs.Nobody"/>
/// when the method has no queue or no EMA target).
/// </summary>
public sealed class RunningTraining(RunningPipeline pipeline, IActorRef trainer, IActorRef queue, IActorRef ema) : IAsyncDisposable
{
    public RunningPipeline Pipeline { get; } = pipeline;
    public IActorRef Trainer { get; } = trainer;
    public IActorRef Queue { get; } = queue;
    public IActorRef Ema { get; } = ema;

    /// <summary>Asks the training thread to finish its step, checkpoint and end; the run then completes.</summary>
    public void RequestStop() => Trainer.Tell(Training.Trainer.StopTraining.Instance);

    public async ValueTask DisposeAsync()
    {
        try { await Trainer.GracefulStop(TimeSpan.FromMinutes(2)); }
        catch (TaskCanceledException) { }
        catch (AskTimeoutException) { }
        await Pipeline.DisposeAsync();
        foreach (var actor in new[] { Queue, Ema }.Where(a => !a.IsNobody()))
        {
            try { await actor.GracefulStop(TimeSpan.FromSeconds(10)); }
            catch (TaskCanceledException) { }
            catch (AskTimeoutException) { }
        }
    }
}
