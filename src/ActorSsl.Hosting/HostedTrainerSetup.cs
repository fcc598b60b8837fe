using ActorSsl.Actors;
using ActorSsl.Actors.Training;
using ActorSsl.Core.Settings;
using ActorSsl.Core.Sources;
using ActorSsl.Data;
using ActorSsl.Training;
using ActorSsl.Training.Checkpoints;
using ActorSsl.Training.Loop;

namespace ActorSsl.Hosting;

/// <summary>The trainer of a hosted run, set up as <c>actorssl train</c> sets it up: resume point, kNN monitor, loop policy.</summary>
internal sealed record HostedTrainerSetup(TrainerSetup Setup, long FirstStep, IReadOnlyList<IDisposable> Resources)
{
    public static HostedTrainerSetup Create(ActorSslSettings settings, ISampleSource source, ActorSslTrainingOptions options)
    {
        TorchRuntime.EnsureAvailable();
        var training = ActorSslTraining.Options(settings, source);
        var train = settings.Train;

        var resume = options.ResumeFrom;
        if (resume == "auto")
        {
            var last = Path.Combine(train.CheckpointDirectory, "last.ckpt");
            resume = File.Exists(last) ? last : null;
        }
        var firstStep = 0L;
        if (resume != null)
        {
            var metadata = CheckpointFile.ReadMetadata(resume);
            metadata.CheckCompatible(training, resume);
            firstStep = metadata.NextStep;
            if (firstStep >= training.TotalSteps)
                throw new InvalidOperationException($"{resume} is already at step {firstStep} of {training.TotalSteps}: nothing left to train.");
        }

        var resources = new List<IDisposable>();
        try
        {
            var evaluation = options.Evaluation != null ? options.Evaluation(settings)
                : options.Source == null && train.KnnEveryEpochs > 0 ? SampleSourceFactory.OpenEvaluation(settings.Data)
                : null;
            if (evaluation != null) resources.Add(evaluation);
            var knn = evaluation != null && train.KnnEveryEpochs > 0 && source.ClassNames.Count > 0
                ? new KnnMonitor(source, evaluation, settings.Augment.ImageSize, train.Mean, train.Std, train.KnnK, train.KnnTemperature, train.KnnRawPixels)
                : null;
            if (knn != null) resources.Add(knn);
            var loop = new TrainingLoopOptions
            {
                CheckpointDirectory = train.CheckpointDirectory,
                CheckpointEverySteps = train.CheckpointEverySteps,
                KnnEveryEpochs = train.KnnEveryEpochs,
                ResumeFrom = resume,
                MaxSteps = options.MaxSteps ?? 0,
            };
            var setup = new TrainerSetup(training, loop, knn == null ? null : (session, epoch) => knn.Evaluate(session.Backbone, session.Device, epoch));
            return new HostedTrainerSetup(setup, firstStep, resources);
        }
        catch
        {
            foreach (var resource in resources) resource.Dispose();
            throw;
        }
    }
}
