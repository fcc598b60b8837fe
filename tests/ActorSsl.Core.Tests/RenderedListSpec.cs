using ActorSsl.Core.Settings;
using Akka.Configuration;

namespace ActorSsl.Core.Tests;

/// <summary>
/// A run's configuration reaches augment nodes as HOCON text (HoconWriter): lists of objects, such as the per-view
/// recipes, must come back identically so every node renders the same views.
/// </summary>
public class RenderedListSpec
{
    [Fact]
    public void Per_view_recipes_must_survive_the_text_a_run_offer_carries()
    {
        var config = ActorSslConfig.FromString("""
            actorssl.augment {
              solarize-threshold = 0.6
              per-view = [
                { blur.probability = 1.0, crop { scale-min = 0.3, ratio-max = 1.5 } },
                { blur.probability = 0.1, solarize-probability = 0.2 }
              ]
            }
            """);
        var text = ActorSslConfig.Render(config);
        var back = ActorSslConfig.FromString(text);
        var (before, after) = (ActorSslSettings.Create(config).Augment, ActorSslSettings.Create(back).Augment);
        Assert.Equal(2, after.PerView.Count);
        Assert.Equal(before.PerView, after.PerView);
        Assert.Equal(before, after);
        Assert.Equal((0.3, 1.5, 0.6), (after.PerView[0].CropScaleMin, after.PerView[0].CropRatioMax, after.PerView[0].SolarizeThreshold));
        Assert.Equal(text, ActorSslConfig.Render(back)); // rendering is a fixed point: nothing drifts over hops
    }

    [Fact]
    public void A_list_of_objects_must_render_and_parse_back_identically()
    {
        var config = ConfigurationFactory.ParseString("""
            root {
              items = [
                { name = "a \"quoted\" \\ name", nested { list = [1, 2], empty = "" } },
                {},
                { deeper = [{ x = 1 }, { y = [] }] }
              ]
              after = 3
            }
            """);
        var text = HoconWriter.Section(config, "root");
        var back = ConfigurationFactory.ParseString(text);
        var items = back.GetValue("root.items").GetArray();
        Assert.Equal(3, items.Count);
        Assert.Equal("a \"quoted\" \\ name", items[0].GetObject().GetKey("name").GetString());
        Assert.Equal(new[] { "1", "2" }, items[0].GetObject().GetKey("nested").GetObject().GetKey("list").GetStringList());
        Assert.Equal("", items[0].GetObject().GetKey("nested").GetObject().GetKey("empty").GetString());
        Assert.Empty(items[1].GetObject().Items);
        var deeper = items[2].GetObject().GetKey("deeper").GetArray();
        Assert.Equal("1", deeper[0].GetObject().GetKey("x").GetString());
        Assert.Empty(deeper[1].GetObject().GetKey("y").GetArray());
        Assert.Equal("3", back.GetString("root.after"));
        Assert.Equal(text, HoconWriter.Section(back, "root"));
    }
}
