using Akka.Configuration;

namespace ActorSsl.Hosting.Tests.Support;

/// <summary>Small runs for hosting specs: 8-pixel views, batches of 16.</summary>
public static class SpecConfig
{
    public static Config Create(string extra = "") => ConfigurationFactory.ParseString($$"""
        actorssl {
          run.epochs = 2
          augment { image-size = 8, workers = 2 }
          pipeline { batch-size = 16, lease-size = 8, chunk-samples = 4, credits-per-worker = 2, reorder-window = 4, channel-capacity = 2, progress-interval = 100ms }
          cluster.offer-retry = 200ms
        }
        {{extra}}
        """);
}
