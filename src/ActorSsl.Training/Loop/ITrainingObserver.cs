namespace ActorSsl.Training.Loop;

/// <summary>
/// What the training thread reports. Called on the training thread: implementations must only hand the
/// information on (e.g. Tell an actor), never block or touch the model.
/// </summary>
public interface ITrainingObserver
{
    void OnStarted(TrainingCursor cursor);
    void OnStep(StepResult step, double waitMilliseconds);
    void OnEpochEvaluated(int epoch, double knnTop1);
    void OnCheckpoint(string path, long nextStep);
    void OnFinished(bool completed, string? error);
}
