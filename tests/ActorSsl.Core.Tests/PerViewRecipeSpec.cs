using ActorSsl.Core.Settings;

namespace ActorSsl.Core.Tests;

/// <summary><c>actorssl.augment.per-view</c>: one recipe per view over the shared one, checked at start-up.</summary>
public class PerViewRecipeSpec
{
    private static ActorSslSettings Load(string hocon) => ActorSslSettings.Create(ActorSslConfig.FromString(hocon));

    [Fact]
    public void Entries_must_override_only_the_keys_they_set()
    {
        var settings = Load("""
            actorssl.augment {
              flip-probability = 0.3
              blur.sigma-max = 1.5
              per-view = [
                { blur.probability = 1.0 },
                {
                  blur { probability = 0.1 }
                  solarize-probability = 0.2
                  crop.scale-min = 0.5
                }
              ]
            }
            """);
        var (shared, view0, view1) = (settings.Augment.Recipe, settings.Augment.PerView[0], settings.Augment.PerView[1]);
        Assert.Equal(2, settings.Augment.PerView.Count);
        Assert.Equal((1.0, 0.0), (view0.BlurProbability, view0.SolarizeProbability));
        Assert.Equal((0.1, 0.2, 0.5), (view1.BlurProbability, view1.SolarizeProbability, view1.CropScaleMin));
        Assert.Equal(shared with { BlurProbability = 1.0 }, view0);
        Assert.Equal(shared with { BlurProbability = 0.1, SolarizeProbability = 0.2, CropScaleMin = 0.5 }, view1);
        Assert.Equal((0.3, 1.5), (view1.FlipProbability, view1.BlurSigmaMax)); // shared user values, not the reference's
        Assert.Equal(settings.Augment.PerView, settings.Augment.Recipes);
    }

    [Fact]
    public void The_documented_example_must_load()
    {
        // As reference.conf and the README write it: spaces inside the brackets, one line.
        var settings = Load("actorssl.augment.per-view = [ { blur.probability = 1.0 }, { blur.probability = 0.1, solarize-probability = 0.2 } ]");
        Assert.Equal((1.0, 0.1), (settings.Augment.PerView[0].BlurProbability, settings.Augment.PerView[1].BlurProbability));
        Assert.Equal((0.0, 0.2), (settings.Augment.PerView[0].SolarizeProbability, settings.Augment.PerView[1].SolarizeProbability));
    }

    [Fact]
    public void Without_entries_every_view_must_use_the_shared_recipe()
    {
        var settings = Load("actorssl.augment.solarize-probability = 0.4");
        Assert.Empty(settings.Augment.PerView);
        Assert.Equal(new[] { settings.Augment.Recipe }, settings.Augment.Recipes);
        Assert.Equal(0.4, settings.Augment.Recipe.SolarizeProbability);
    }

    [Fact]
    public void An_empty_entry_must_keep_the_shared_recipe_for_its_view()
    {
        var settings = Load("actorssl.augment.per-view = [{}, { solarize-probability = 1 }]");
        Assert.Equal(settings.Augment.Recipe, settings.Augment.PerView[0]);
        Assert.Equal(1.0, settings.Augment.PerView[1].SolarizeProbability);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    public void A_list_not_as_long_as_views_must_stop_start_up(int entries)
    {
        var list = string.Join(", ", Enumerable.Repeat("{ blur.probability = 1 }", entries));
        var e = Assert.Throws<ActorSslConfigException>(() => Load($"actorssl.augment {{ views = 2, per-view = [{list}] }}"));
        Assert.Contains("actorssl.augment.per-view", e.Message);
        Assert.Contains("actorssl.augment.views = 2", e.Message);
        Assert.Contains("one entry per view", e.Message);
    }

    [Fact]
    public void Entries_must_follow_views()
    {
        var settings = Load("actorssl.augment { views = 3, per-view = [{}, { solarize-probability = 0.2 }, { blur.probability = 1 }] }");
        Assert.Equal(3, settings.Augment.Recipes.Count);
        Assert.Equal(1.0, settings.Augment.Recipes[2].BlurProbability);
    }

    [Theory]
    [InlineData("[{}, { solarize-probability = 1.5 }]", "actorssl.augment.per-view[1].solarize-probability = '1.5'")]
    [InlineData("[{ blur.probability = often }, {}]", "actorssl.augment.per-view[0].blur.probability = 'often'")]
    [InlineData("[{}, { color-jitter.hue = 0.7 }]", "actorssl.augment.per-view[1].color-jitter.hue = '0.7'")]
    [InlineData("[{ blur.sigma-min = 3 }, {}]", "actorssl.augment.per-view[0].blur.sigma-min is not valid: blur sigma min 3 must not exceed blur sigma max 2")]
    [InlineData("[{}, { crop { scale-min = 0.9, scale-max = 0.5 } }]", "actorssl.augment.per-view[1].crop.scale-min is not valid")]
    public void A_bad_value_must_stop_start_up_naming_its_full_path(string list, string expected)
    {
        var e = Assert.Throws<ActorSslConfigException>(() => Load($"actorssl.augment.per-view = {list}"));
        Assert.Contains(expected, e.Message);
    }

    [Fact]
    public void A_misspelled_key_must_stop_start_up_naming_its_full_path_and_the_keys()
    {
        var e = Assert.Throws<ActorSslConfigException>(() => Load("actorssl.augment.per-view = [{}, { solarize-probabilty = 0.2, blur.propability = 1 }]"));
        Assert.Contains("actorssl.augment.per-view[1].solarize-probabilty", e.Message);
        Assert.Contains("actorssl.augment.per-view[1].blur.propability", e.Message);
        Assert.Contains("solarize-probability", e.Message.Split("for one view:")[1]); // the keys it could have meant
        Assert.Contains("reference.conf", e.Message);
    }

    [Theory]
    [InlineData("image-size = 32")]
    [InlineData("views = 3")]
    [InlineData("workers = 4")]
    public void A_run_wide_key_in_an_entry_must_stop_start_up_pointing_at_the_shared_key(string entry)
    {
        var key = entry.Split(' ')[0];
        var e = Assert.Throws<ActorSslConfigException>(() => Load($"actorssl.augment.per-view = [{{ {entry} }}, {{}}]"));
        Assert.Contains($"actorssl.augment.per-view[0].{key}", e.Message);
        Assert.Contains($"set actorssl.augment.{key} instead", e.Message);
    }

    [Theory]
    [InlineData("actorssl.augment.per-view = [1, 2]", "actorssl.augment.per-view[0] = '1'")]
    [InlineData("actorssl.augment.per-view = blur", "actorssl.augment.per-view = 'blur'")]
    public void Entries_that_are_not_objects_must_stop_start_up(string hocon, string expected)
    {
        var e = Assert.Throws<ActorSslConfigException>(() => Load(hocon));
        Assert.Contains(expected, e.Message);
    }

    [Theory]
    [InlineData("byol")]
    [InlineData("simsiam")] // SimSiam's preset borrows BYOL's views: they lifted its kNN most (its header)
    public void Byol_views_must_blur_and_solarize_as_the_byol_paper(string method)
    {
        var preset = Path.Combine(SettingsSpec.RepoRoot(), "hocon", $"fashion-mnist-{method}.conf");
        var augment = ActorSslSettings.Create(ActorSslConfig.FromFile(preset)).Augment;
        Assert.Equal(2, augment.Recipes.Count);
        Assert.Equal((1.0, 0.0), (augment.Recipes[0].BlurProbability, augment.Recipes[0].SolarizeProbability));
        Assert.Equal((0.1, 0.2), (augment.Recipes[1].BlurProbability, augment.Recipes[1].SolarizeProbability));
        Assert.All(augment.Recipes, r => Assert.Equal(3, r.BlurKernelSize)); // 10 % of 28 px, made odd
        Assert.All(augment.Recipes, r => Assert.Equal(augment.Recipe with { BlurProbability = r.BlurProbability, SolarizeProbability = r.SolarizeProbability }, r));
    }

    [Fact]
    public void Other_presets_must_keep_one_recipe_for_both_views()
    {
        var dir = Path.Combine(SettingsSpec.RepoRoot(), "hocon");
        foreach (var method in new[] { "moco", "simclr", "barlowtwins", "vicreg" })
            Assert.Empty(ActorSslSettings.Create(ActorSslConfig.FromFile(Path.Combine(dir, $"fashion-mnist-{method}.conf"))).Augment.PerView);
    }
}
