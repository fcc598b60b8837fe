using ActorSsl.Training.Models;
using TorchSharp;

namespace ActorSsl.Training.Tests.Models;

public class BackboneFactoryTests
{
    public BackboneFactoryTests() => TorchRuntime.EnsureAvailable();

    [Theory]
    [InlineData("small-resnet", typeof(SmallResNet), 128)]
    [InlineData(" Small-ResNet ", typeof(SmallResNet), 128)]
    [InlineData("resnet18-cifar", typeof(ResNet18Cifar), 512)]
    public void Creates_backbones_by_name(string name, Type type, int featureDim)
    {
        using var backbone = BackboneFactory.Create(name, 3);
        Assert.IsType(type, backbone);
        Assert.Equal(featureDim, backbone.FeatureDim);
    }

    [Fact]
    public void Passes_widths_to_small_resnet()
    {
        using var scope = torch.NewDisposeScope();
        using var backbone = BackboneFactory.Create("small-resnet", 1, [8, 16]);
        Assert.Equal(16, backbone.FeatureDim);
        Assert.Equal(new long[] { 2, 16 }, backbone.call(torch.randn(2, 1, 28, 28)).shape);
    }

    [Fact]
    public void Rejects_widths_for_fixed_architectures()
    {
        var e = Assert.Throws<ArgumentException>(() => BackboneFactory.Create("resnet50", 3, [8, 16]));
        Assert.Contains("small-resnet", e.Message);
    }

    [Theory]
    [InlineData("resnet18")]
    [InlineData("")]
    public void Rejects_unknown_names_listing_the_known_ones(string name)
    {
        var e = Assert.Throws<ArgumentException>(() => BackboneFactory.Create(name, 1));
        Assert.Contains($"'{name}'", e.Message);
        foreach (var known in BackboneFactory.Names)
            Assert.Contains(known, e.Message);
    }
}
