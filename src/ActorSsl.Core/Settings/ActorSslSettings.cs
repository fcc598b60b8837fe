using Akka.Actor;
using Akka.Configuration;

namespace ActorSsl.Core.Settings;

/// <summary>All of ActorSsl's settings, read and validated once at start-up.</summary>
public sealed record ActorSslSettings(RunSettings Run, DataSettings Data, AugmentSettings Augment, PipelineSettings Pipeline, TrainSettings Train,
    ClusterSettings Cluster)
{
    /// <summary>HOCON path of the dispatcher augmentation workers run on.</summary>
    public const string AugmentDispatcher = "actorssl.augment-dispatcher";

    public static ActorSslSettings Create(ActorSystem system) => Create(system.Settings.Config);

    /// <summary>Reads <c>actorssl.*</c> from a configuration that already has the reference as fallback.</summary>
    public static ActorSslSettings Create(Config config)
    {
        var root = new ConfigReader(config, "actorssl");
        var data = DataSettings.Create(root.Section("data"));
        return new ActorSslSettings(
            RunSettings.Create(root.Section("run")),
            data,
            AugmentSettings.Create(root.Section("augment")),
            PipelineSettings.Create(root.Section("pipeline")),
            TrainSettings.Create(root.Section("train"), data.Channels),
            ClusterSettings.Create(root.Section("cluster")));
    }
}
