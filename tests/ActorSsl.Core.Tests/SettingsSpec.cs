using ActorSsl.Core.Settings;

namespace ActorSsl.Core.Tests;

public class SettingsSpec
{
    [Fact]
    public void Reference_configuration_must_yield_valid_defaults()
    {
        var settings = ActorSslSettings.Create(ActorSslConfig.FromString(""));
        Assert.Equal(256, settings.Pipeline.BatchSize);
        Assert.Equal(28, settings.Augment.ImageSize);
        Assert.Equal(2, settings.Augment.Views);
        Assert.Equal(DataSourceKind.FashionMnist, settings.Data.Source);
        Assert.Equal(0.2, settings.Augment.Recipe.CropScaleMin);
        Assert.True(settings.Pipeline.DropLast);
    }

    [Fact]
    public void Rendered_section_must_parse_back_to_the_same_values()
    {
        // What a run offer carries to augment nodes: empty strings, quotes, backslashes and lists must survive.
        var config = ActorSslConfig.FromString("""
            actorssl.data { path = "/srv/a \"b\" \\ c", eval-path = "" }
            actorssl.train.widths = [8, 16, 32]
            actorssl.pipeline { batch-size = 64, lease-timeout = 90s, drop-last = off }
            """);
        var text = ActorSslConfig.Render(config);
        var back = ActorSslConfig.FromString(text);
        Assert.Equal("/srv/a \"b\" \\ c", back.GetString("actorssl.data.path"));
        Assert.Equal("", back.GetString("actorssl.data.eval-path"));
        var (before, after) = (ActorSslSettings.Create(config), ActorSslSettings.Create(back));
        Assert.Equal(before.Pipeline, after.Pipeline);
        Assert.Equal(before.Augment, after.Augment);
        Assert.Equal(before.Cluster, after.Cluster);
        Assert.Equal(new[] { 8, 16, 32 }, after.Train.Widths);
    }

    [Theory]
    [InlineData("", "auto")]
    [InlineData("actorssl.train.memory-format = channels-last", "channels-last")]
    [InlineData("actorssl.train.memory-format = contiguous", "contiguous")]
    public void Memory_format_must_be_read_as_written(string hocon, string expected) =>
        Assert.Equal(expected, ActorSslSettings.Create(ActorSslConfig.FromString(hocon)).Train.MemoryFormat);

    [Fact]
    public void User_values_must_override_the_reference()
    {
        var settings = ActorSslSettings.Create(ActorSslConfig.FromString("actorssl.pipeline.batch-size = 64\nactorssl.augment.color-jitter.hue = 0"));
        Assert.Equal(64, settings.Pipeline.BatchSize);
        Assert.Equal(0, settings.Augment.Recipe.Hue);
    }

    [Fact]
    public void Misspelled_key_must_stop_start_up_naming_its_path()
    {
        var e = Assert.Throws<ActorSslConfigException>(() => ActorSslConfig.FromString("actorssl.pipeline.batch-szie = 64"));
        Assert.Contains("actorssl.pipeline.batch-szie", e.Message);
    }

    [Theory]
    [InlineData("actorssl.pipeline.batch-size = lots", "actorssl.pipeline.batch-size")]
    [InlineData("actorssl.pipeline.batch-size = 0", "actorssl.pipeline.batch-size")]
    [InlineData("actorssl.pipeline.drop-last = maybe", "actorssl.pipeline.drop-last")]
    [InlineData("actorssl.data.source = s3", "actorssl.data.source")]
    [InlineData("actorssl.data.channels = 2", "actorssl.data.channels")]
    [InlineData("actorssl.augment.crop.scale-min = 1.5", "actorssl.augment.crop.scale-min")]
    [InlineData("actorssl.pipeline.lease-timeout = soon", "actorssl.pipeline.lease-timeout")]
    [InlineData("actorssl.pipeline.lease-size = 100000", "actorssl.pipeline.lease-size")]
    [InlineData("actorssl.cluster.tls.enabled = maybe", "actorssl.cluster.tls.enabled")]
    [InlineData("actorssl.train.method = dino", "actorssl.train.method")]
    [InlineData("actorssl.train.precision = fp16", "actorssl.train.precision")]
    [InlineData("actorssl.train.memory-format = nhwc", "actorssl.train.memory-format")]
    [InlineData("actorssl.train.simclr.temperature = 0", "actorssl.train.simclr.temperature")]
    [InlineData("actorssl.train.byol.momentum-start = 1.5", "actorssl.train.byol.momentum-start")]
    [InlineData("actorssl.train.byol { momentum-start = 0.99, momentum-end = 0.9 }", "actorssl.train.byol.momentum-end")]
    [InlineData("actorssl.train.barlowtwins.lambda = -1", "actorssl.train.barlowtwins.lambda")]
    [InlineData("actorssl.train.simsiam.predictor-hidden = 0", "actorssl.train.simsiam.predictor-hidden")]
    [InlineData("actorssl.train.vicreg.variance-weight = lots", "actorssl.train.vicreg.variance-weight")]
    [InlineData("actorssl.cluster.tls { enabled = on, certificate-path = \"/nonexistent/cluster.pfx\" }", "actorssl.cluster.tls.certificate-path")]
    public void Wrong_value_must_stop_start_up_naming_its_path(string hocon, string path)
    {
        var e = Assert.Throws<ActorSslConfigException>(() => ActorSslSettings.Create(ActorSslConfig.FromString(hocon)));
        Assert.Contains(path, e.Message);
    }

    [Theory]
    [InlineData("mocov2")]
    [InlineData("simclr")]
    [InlineData("byol")]
    [InlineData("barlowtwins")]
    [InlineData("simsiam")]
    [InlineData("vicreg")]
    public void Every_method_must_be_selectable_by_name(string method)
    {
        var settings = ActorSslSettings.Create(ActorSslConfig.FromString($"actorssl.train.method = {method}"));
        Assert.Equal(method, settings.Train.Method);
    }

    [Fact]
    public void Method_sections_must_carry_their_hyper_parameters()
    {
        var settings = ActorSslSettings.Create(ActorSslConfig.FromString("""
            actorssl.train.byol { momentum-start = 0.996, predictor-hidden = 32 }
            actorssl.train.barlowtwins.lambda = 0.0051
            actorssl.train.vicreg.covariance-weight = 2
            actorssl.train.simsiam.fixed-predictor-lr = on
            """));
        Assert.Equal(0.996, settings.Train.Byol.MomentumStart);
        Assert.Equal(1.0, settings.Train.Byol.MomentumEnd);
        Assert.Equal(32, settings.Train.Byol.PredictorHidden);
        Assert.Equal(0.0051, settings.Train.BarlowTwins.Lambda);
        Assert.Equal(2, settings.Train.VicReg.CovarianceWeight);
        Assert.Equal(25, settings.Train.VicReg.InvarianceWeight);
        Assert.Equal(0.5, settings.Train.SimClr.Temperature);
        Assert.Equal(64, settings.Train.SimSiam.PredictorHidden);
        Assert.True(settings.Train.SimSiam.FixedPredictorLearningRate);
        Assert.False(ActorSslSettings.Create(ActorSslConfig.FromString("")).Train.SimSiam.FixedPredictorLearningRate);
    }

    [Fact]
    public void Method_presets_must_select_their_method()
    {
        var dir = Path.Combine(RepoRoot(), "hocon");
        foreach (var method in new[] { "simclr", "byol", "barlowtwins", "simsiam", "vicreg" })
            Assert.Equal(method, ActorSslSettings.Create(ActorSslConfig.FromFile(Path.Combine(dir, $"fashion-mnist-{method}.conf"))).Train.Method);
    }

    [Fact]
    public void Object_where_a_value_belongs_must_be_rejected()
    {
        var e = Assert.Throws<ActorSslConfigException>(() => ActorSslConfig.FromString("actorssl.run.seed { a = 1 }"));
        Assert.Contains("actorssl.run.seed", e.Message);
    }

    [Fact]
    public void Missing_preset_file_must_be_named()
    {
        var e = Assert.Throws<ActorSslConfigException>(() => ActorSslConfig.FromFile("/nonexistent/preset.conf"));
        Assert.Contains("/nonexistent/preset.conf", e.Message);
    }

    [Fact]
    public void Every_preset_in_hocon_must_load()
    {
        var dir = Path.Combine(RepoRoot(), "hocon");
        var presets = Directory.GetFiles(dir, "*.conf").Where(f => !f.Contains("/cluster/")).ToList();
        Assert.NotEmpty(presets);
        foreach (var preset in presets) ActorSslSettings.Create(ActorSslConfig.FromFile(preset));
    }

    [Fact]
    public void Chunk_size_must_respect_the_byte_cap()
    {
        var settings = ActorSslSettings.Create(ActorSslConfig.FromString("actorssl.pipeline { chunk-samples = 64, chunk-max-bytes = 1048576 }"));
        Assert.Equal(64, settings.Pipeline.SamplesPerChunk(2 * 28 * 28));
        Assert.Equal(3, settings.Pipeline.SamplesPerChunk(2 * 3 * 224 * 224));
        Assert.Equal(1, settings.Pipeline.SamplesPerChunk(4 << 20));
    }

    internal static string RepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir != null && !File.Exists(Path.Combine(dir.FullName, "ActorSsl.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("ActorSsl.sln not found above " + AppContext.BaseDirectory);
    }
}
