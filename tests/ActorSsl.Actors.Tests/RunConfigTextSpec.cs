using Akka.TestKit.Xunit2;
using ActorSsl.Actors.Tests.Support;
using ActorSsl.Core.Settings;

namespace ActorSsl.Actors.Tests;

public class RunConfigTextSpec() : TestKit(SpecConfig.Create("""
    actorssl.data { source = folder, path = "/srv/data/photos 2026" }
    actorssl.augment.crop.scale-min = 0.35
    actorssl.augment.per-view = [{ blur.probability = 1 }, { blur.probability = 0.1, solarize-probability = 0.2 }]
    actorssl.cluster.offer-retry = 750ms
    """))
{
    [Fact]
    public void Augment_nodes_must_read_the_runs_own_settings_from_its_offer()
    {
        var text = ActorSslPipeline.RunConfigText(Sys);
        var offered = ActorSslSettings.Create(ActorSslConfig.FromString(text));
        var here = ActorSslSettings.Create(Sys);
        Assert.Equal(8, offered.Augment.ImageSize); // not the reference's 28
        Assert.Equal(here.Augment, offered.Augment);
        Assert.Equal((1.0, 0.1), (offered.Augment.PerView[0].BlurProbability, offered.Augment.PerView[1].BlurProbability));
        Assert.Equal((0.0, 0.2), (offered.Augment.PerView[0].SolarizeProbability, offered.Augment.PerView[1].SolarizeProbability));
        Assert.Equal(0.35, offered.Augment.PerView[1].CropScaleMin);
        Assert.Equal(here.Pipeline, offered.Pipeline);
        Assert.Equal(here.Run, offered.Run);
        Assert.Equal(here.Cluster, offered.Cluster);
        Assert.Equal(here.Data.Source, offered.Data.Source);
        Assert.Equal("/srv/data/photos 2026", offered.Data.Path);
    }
}
