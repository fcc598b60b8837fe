using ActorSsl.Training.Models;
using TorchSharp;

namespace ActorSsl.Training.Tests.Models;

public class ResNetTests
{
    public ResNetTests() => TorchRuntime.EnsureAvailable();

    [Fact]
    public void ResNet18Cifar_gives_512_features_on_32px()
    {
        using var scope = torch.NewDisposeScope();
        using var model = new ResNet18Cifar(3);
        var features = model.call(torch.randn(2, 3, 32, 32));
        Assert.Equal(new long[] { 2, 512 }, features.shape);
        Assert.Equal(512, model.FeatureDim);
    }

    [Fact]
    public void ResNet18Cifar_has_torchvision_resnet18_parameters_minus_fc_and_with_the_3x3_stem()
    {
        // torchvision resnet18: 11,689,512 parameters; fc 512·1000 + 1000 = 513,000; 7×7 stem 3·64·49 = 9,408.
        // The CIFAR stem is 3·64·9 = 1,728: 11,689,512 − 513,000 − 9,408 + 1,728 = 11,168,832.
        using var model = new ResNet18Cifar(3);
        Assert.Equal(11_168_832L, model.parameters().Sum(p => p.numel()));
    }

    [Fact]
    public void ResNet50_gives_2048_features_and_torchvision_parameter_count()
    {
        using var scope = torch.NewDisposeScope();
        using var model = new ResNet50(3);
        var features = model.call(torch.randn(1, 3, 64, 64));
        Assert.Equal(new long[] { 1, 2048 }, features.shape);
        Assert.Equal(2048, model.FeatureDim);
        // torchvision resnet50: 25,557,032 parameters, minus fc 2048·1000 + 1000 = 2,049,000.
        Assert.Equal(23_508_032L, model.parameters().Sum(p => p.numel()));
        Assert.Contains("layer4.2.conv3.weight", model.state_dict().Keys);
    }

    [Theory]
    [InlineData(64, 64, 1, 32)]  // identity shortcut
    [InlineData(64, 128, 2, 16)] // projection shortcut
    public void BasicBlock_output_shape(int inChannels, int width, int stride, int outSize)
    {
        using var scope = torch.NewDisposeScope();
        using var block = new BasicBlock(inChannels, width, stride);
        var y = block.call(torch.randn(2, inChannels, 32, 32));
        Assert.Equal(new long[] { 2, width, outSize, outSize }, y.shape);
        Assert.Equal(stride != 1 || inChannels != width, block.named_children().Any(c => c.name == "downsample"));
    }

    [Theory]
    [InlineData(256, 64, 1, 8, false)] // identity: in = 4·width
    [InlineData(64, 64, 1, 8, true)]   // projection: channels change
    [InlineData(256, 128, 2, 4, true)] // projection: stride
    public void Bottleneck_expands_by_four(int inChannels, int width, int stride, int outSize, bool projects)
    {
        using var scope = torch.NewDisposeScope();
        using var block = new Bottleneck(inChannels, width, stride);
        var y = block.call(torch.randn(2, inChannels, 8, 8));
        Assert.Equal(new long[] { 2, width * Bottleneck.Expansion, outSize, outSize }, y.shape);
        Assert.Equal(projects, block.named_children().Any(c => c.name == "downsample"));
        // conv1 1×1, conv2 3×3, conv3 1×1, none with bias.
        Assert.Equal(new long[] { width, inChannels, 1, 1 }, block.get_parameter("conv1.weight").shape);
        Assert.Equal(new long[] { width, width, 3, 3 }, block.get_parameter("conv2.weight").shape);
        Assert.Equal(new long[] { width * 4, width, 1, 1 }, block.get_parameter("conv3.weight").shape);
        Assert.DoesNotContain(block.named_parameters(), p => p.name.StartsWith("conv", StringComparison.Ordinal) && p.name.EndsWith(".bias", StringComparison.Ordinal));
    }
}
