using Akka.Configuration;
using ActorSsl.Core.Settings;

namespace ActorSsl.Actors.Tests.Support;

/// <summary>Configuration for actor specs: every message goes through ActorSsl's serializer (serialize-messages = on).</summary>
public static class SpecConfig
{
    public static Config Create(string extra = "") => ActorSslConfig.FromString($$"""
        akka.actor.serialize-messages = on
        akka.loglevel = WARNING
        actorssl {
          augment { image-size = 8, workers = 2 }
          pipeline { batch-size = 16, lease-size = 8, chunk-samples = 4, credits-per-worker = 2, reorder-window = 4, channel-capacity = 2, progress-interval = 100ms }
        }
        {{extra}}
        """);
}
