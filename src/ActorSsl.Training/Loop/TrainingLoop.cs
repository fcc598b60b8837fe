using System.Diagnostics;
using System.Threading.Channels;
using ActorSsl.Data.Batches;

namespace ActorSsl.Training.Loop;

/// <summary>
/// The dedicated training thread: reads batches from the bounded channel, steps the session, checkpoints and
/// evaluates, and reports through an <see cref="ITrainingObserver"/>. Everything TorchSharp happens on this one
/// thread, so per-step dispose scopes work. Time blocked on the channel is measured as the trainer's wait.
/// </summary>
public sealed class TrainingLoop
{
    private readonly Func<TrainingSession> _createSession;
    private readonly ChannelReader<Batch> _batches;
    private readonly ITrainingObserver _observer;
    private readonly TrainingLoopOptions _options;
    private readonly Func<TrainingSession, int, double?>? _evaluate;
    private readonly CancellationToken _cancel;

    public TrainingLoop(Func<TrainingSession> createSession, ChannelReader<Batch> batches, ITrainingObserver observer,
        TrainingLoopOptions options, Func<TrainingSession, int, double?>? evaluate, CancellationToken cancel)
    {
        _createSession = createSession;
        _batches = batches;
        _observer = observer;
        _options = options;
        _evaluate = evaluate;
        _cancel = cancel;
    }

    public string LastCheckpointPath => Path.Combine(_options.CheckpointDirectory, "last.ckpt");

    public Thread Start()
    {
        var thread = new Thread(Run) { IsBackground = true, Name = "actorssl-training" };
        thread.Start();
        return thread;
    }

    /// <summary>Opens the session (restoring a checkpoint if asked) and returns where the data must start.</summary>
    public static TrainingCursor Prepare(TrainingSession session, string? resumeFrom)
    {
        if (resumeFrom != null) session.LoadCheckpoint(resumeFrom);
        return session.Cursor;
    }

    private void Run()
    {
        TrainingSession? session = null;
        try
        {
            session = _createSession();
            _observer.OnStarted(session.Cursor);
            var stepsThisProcess = 0L;
            var wait = new Stopwatch();
            var completed = false;
            while (!_cancel.IsCancellationRequested)
            {
                wait.Restart();
                if (!TryRead(out var batch)) { completed = !_cancel.IsCancellationRequested; break; }
                wait.Stop();
                using (batch)
                {
                    var result = session.Step(batch);
                    _observer.OnStep(result, wait.Elapsed.TotalMilliseconds);
                }
                stepsThisProcess++;
                var next = session.Cursor;
                var epochEnded = next.BatchInEpoch == 0;
                if (epochEnded)
                {
                    // Checkpoint first: a stop request during the (long) evaluation then loses nothing.
                    var epoch = next.Epoch - 1;
                    Checkpoint(session, Path.Combine(_options.CheckpointDirectory, $"epoch-{epoch}.ckpt"));
                    if (_evaluate != null && _options.KnnEveryEpochs > 0 && epoch % _options.KnnEveryEpochs == 0
                        && !_cancel.IsCancellationRequested && _evaluate(session, epoch) is { } top1)
                        _observer.OnEpochEvaluated(epoch, top1);
                }
                else if (_options.CheckpointEverySteps > 0 && next.NextStep % _options.CheckpointEverySteps == 0)
                {
                    Checkpoint(session, LastCheckpointPath);
                }
                if (next.NextStep >= session.Options.TotalSteps) { completed = true; break; }
                if (_options.MaxSteps > 0 && stepsThisProcess >= _options.MaxSteps) break;
            }
            if (!completed || !epochEndedAt(session)) Checkpoint(session, LastCheckpointPath);
            _observer.OnFinished(completed, null);
        }
        catch (Exception e)
        {
            _observer.OnFinished(false, $"{e.GetType().Name}: {e.Message}");
        }
        finally
        {
            session?.Dispose();
        }

        static bool epochEndedAt(TrainingSession s) => s.Cursor.BatchInEpoch == 0;
    }

    private void Checkpoint(TrainingSession session, string path)
    {
        session.SaveCheckpoint(path);
        if (path != LastCheckpointPath)
        {
            // last.ckpt always names the newest checkpoint; replaced atomically like the checkpoint itself.
            File.Copy(path, LastCheckpointPath + ".tmp", overwrite: true);
            File.Move(LastCheckpointPath + ".tmp", LastCheckpointPath, overwrite: true);
        }
        _observer.OnCheckpoint(path, session.Cursor.NextStep);
    }

    private bool TryRead(out Batch batch)
    {
        while (true)
        {
            if (_batches.TryRead(out batch!)) return true;
            try
            {
                if (!_batches.WaitToReadAsync(_cancel).AsTask().GetAwaiter().GetResult()) return false;
            }
            catch (OperationCanceledException)
            {
                return false;
            }
        }
    }
}
