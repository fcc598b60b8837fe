using Akka.Configuration;
using Akka.Hosting;
using ActorSsl.Actors;
using ActorSsl.Data;

namespace ActorSsl.Hosting;

/// <summary><c>WithActorSslTraining</c>: an ActorSsl training run inside a host's ActorSystem.</summary>
public static class ActorSslTrainingHostingExtensions
{
    /// <summary>
    /// When the host starts: opens the run's samples (and the kNN monitor's labelled set), sets the trainer up as
    /// <c>actorssl train</c> does and starts the pipeline, the training thread, the MoCo queue and the EMA target
    /// (<see cref="ActorSslTraining.Start"/>). In a clustered ActorSystem the run is also offered to augment nodes. The
    /// coordinator and the trainer are registered in the <see cref="ActorRegistry"/> (keys
    /// <see cref="Actors.Coordination.Coordinator"/>, <see cref="Actors.Training.Trainer"/>); <see cref="ActorSslRunHandle"/>
    /// carries the report. Host shutdown first asks the trainer to finish its step and write <c>last.ckpt</c>. Needs
    /// <see cref="ActorSslHostingExtensions.WithActorSsl"/>; bad configuration, unreadable data, a missing libtorch or an
    /// incompatible checkpoint fails the host's start.
    /// </summary>
    public static AkkaConfigurationBuilder WithActorSslTraining(this AkkaConfigurationBuilder builder, ActorSslTrainingOptions? options = null)
    {
        options ??= new ActorSslTrainingOptions();
        var stopTimeout = options.StopTimeout ?? TimeSpan.FromSeconds(60);
        // The phase in which the trainer is stopped must last long enough for a step and a checkpoint (Akka's default: 5 s).
        // Appended: the app's own setting of this key wins.
        builder.AddHocon(ConfigurationFactory.ParseString(
            $"akka.coordinated-shutdown.phases.before-service-unbind.timeout = {(long)Math.Ceiling(stopTimeout.TotalMilliseconds) + 1000}ms"), HoconAddMode.Append);
        return builder.WithActors((system, registry) =>
        {
            const string what = nameof(WithActorSslTraining);
            var handle = ActorSslRunHandle.For(system);
            handle.Claim(what);
            ISampleSource? source = null;
            HostedTrainerSetup? trainer = null;
            try
            {
                var settings = HostedRun.Settings(system, options.LocalWorkers, what);
                source = HostedRun.OpenSource(settings, options.Source);
                trainer = HostedTrainerSetup.Create(settings, source, options);
                var run = ActorSslTraining.Start(system, settings, source, trainer.Setup, trainer.FirstStep, options.Prefix ?? HostedRun.DefaultPrefix);
                handle.Attach(run.Pipeline, run, [.. trainer.Resources, source], onBatch: null);
            }
            catch (Exception e)
            {
                foreach (var resource in trainer?.Resources ?? []) resource.Dispose();
                source?.Dispose();
                handle.Fail(e);
                throw;
            }
            HostedRun.Register(system, registry, handle, stopTimeout);
        });
    }
}
