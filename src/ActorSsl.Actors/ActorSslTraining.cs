using Akka.Actor;
using ActorSsl.Actors.Training;
using ActorSsl.Core.Settings;
using ActorSsl.Data;
using ActorSsl.Data.Epochs;
using ActorSsl.Training;
using ActorSsl.Training.Loop;
using ActorSsl.Training.Methods;

namespace ActorSsl.Actors;

/// <summary>Starts a training run: the data pipeline feeding a trainer, with the MoCo queue and EMA target actors (when the method has them).</summary>
public static class ActorSslTraining
{
    /// <summary>The session options a run of <paramref name="settings"/> over <paramref name="source"/> trains with.</summary>
    public static TrainingOptions Options(ActorSslSettings settings, ISampleSource source)
    {
        var planned = EpochPlan.PlannedPerEpoch(source.Count, settings.Pipeline.BatchSize, settings.Pipeline.DropLast);
        var stepsPerEpoch = (planned + settings.Pipeline.BatchSize - 1) / settings.Pipeline.BatchSize;
        var train = settings.Train;
        return new TrainingOptions
        {
            Method = train.Method,
            Backbone = train.Backbone,
            Widths = train.Widths,
            InChannels = source.Channels,
            ImageSize = settings.Augment.ImageSize,
            Device = train.Device,
            OneDnnMode = train.OneDnn,
            Precision = Bf16Hardware.Resolve(train.Precision, train.Device),
            MemoryFormat = train.MemoryFormat,
            Threads = train.Threads,
            Seed = settings.Run.Seed,
            LearningRate = train.LearningRate,
            FinalLearningRate = train.FinalLearningRate,
            SgdMomentum = train.SgdMomentum,
            WeightDecay = train.WeightDecay,
            WarmupSteps = (long)train.WarmupEpochs * stepsPerEpoch,
            StepsPerEpoch = stepsPerEpoch,
            TotalSteps = (long)stepsPerEpoch * settings.Run.Epochs,
            EmaMomentum = train.EmaMomentum,
            EmaFinalMomentum = train.EmaFinalMomentum,
            EmaCosine = train.EmaCosine,
            MoCo = train.MoCo,
            SimClr = train.SimClr,
            Byol = train.Byol,
            BarlowTwins = train.BarlowTwins,
            SimSiam = train.SimSiam,
            VicReg = train.VicReg,
            Mean = train.Mean,
            Std = train.Std,
        };
    }

    public static RunningTraining Start(ActorSystem system, ActorSslSettings settings, ISampleSource source, TrainerSetup setup,
        long firstStep = 0, string prefix = "actorssl")
    {
        if (settings.Augment.Views < 2) throw new ActorSslConfigException($"actorssl.augment.views = {settings.Augment.Views}: {settings.Train.Method} needs 2 views.");
        var pipeline = ActorSslPipeline.Start(system, settings, source, prefix, firstStep, training: true);
        // Only the actors the method uses: MoCo v2 has both, BYOL the EMA target, the others neither (Nobody).
        var method = MethodRegistry.Find(settings.Train.Method);
        var queue = method.UsesQueue ? system.ActorOf(MoCoQueue.Props(), $"{prefix}-moco-queue") : ActorRefs.Nobody;
        var ema = method.UsesEmaTarget ? system.ActorOf(EmaTarget.Props(), $"{prefix}-ema-target") : ActorRefs.Nobody;
        var trainer = system.ActorOf(Trainer.Props(setup, pipeline.Batches, pipeline.Coordinator, queue, ema), $"{prefix}-trainer");
        return new RunningTraining(pipeline, trainer, queue, ema);
    }
}
