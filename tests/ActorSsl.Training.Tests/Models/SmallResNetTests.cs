using ActorSsl.Training.Models;
using TorchSharp;
using TorchSharp.Modules;

namespace ActorSsl.Training.Tests.Models;

public class SmallResNetTests
{
    public SmallResNetTests() => TorchRuntime.EnsureAvailable();

    [Fact]
    public void Grayscale_28px_batch_gives_128_features()
    {
        using var scope = torch.NewDisposeScope();
        using var model = new SmallResNet(1);
        var features = model.call(torch.randn(4, 1, 28, 28));
        Assert.Equal(new long[] { 4, 128 }, features.shape);
        Assert.Equal(128, model.FeatureDim);
    }

    [Fact]
    public void Rgb_32px_batch_gives_features_of_the_last_width()
    {
        using var scope = torch.NewDisposeScope();
        using var model = new SmallResNet(3, [16, 32, 48, 96], blocksPerStage: 2);
        var features = model.call(torch.randn(2, 3, 32, 32));
        Assert.Equal(new long[] { 2, model.FeatureDim }, features.shape);
        Assert.Equal(96, model.FeatureDim);
    }

    [Fact]
    public void Parameter_count_matches_the_hand_computed_value()
    {
        // stem:    conv 1·32·9 = 288, BN 2·32 = 64                                              →     352
        // layer1:  BasicBlock 32→32, stride 1, identity shortcut
        //          conv 32·32·9 = 9,216 + BN 64 + conv 32·32·9 = 9,216 + BN 64                   →  18,560
        // layer2:  BasicBlock 32→64, stride 2, projection
        //          conv 32·64·9 = 18,432 + BN 128 + conv 64·64·9 = 36,864 + BN 128
        //          + shortcut conv 32·64 = 2,048 + BN 128                                       →  57,728
        // layer3:  BasicBlock 64→128, stride 2, projection
        //          conv 64·128·9 = 73,728 + BN 256 + conv 128·128·9 = 147,456 + BN 256
        //          + shortcut conv 64·128 = 8,192 + BN 256                                      → 230,144
        // total 352 + 18,560 + 57,728 + 230,144 = 306,784 (convs have no bias; BN running stats are buffers)
        using var model = new SmallResNet(1, [32, 64, 128]);
        Assert.Equal(306_784L, model.parameters().Sum(p => p.numel()));
    }

    [Fact]
    public void State_dict_keys_follow_torchvision_names()
    {
        using var model = new SmallResNet(1);
        var keys = model.state_dict().Keys.ToList();
        Assert.Equal("conv1.weight", keys[0]);
        Assert.Contains("bn1.running_mean", keys);
        Assert.Contains("layer1.0.conv2.weight", keys);
        Assert.Contains("layer2.0.downsample.0.weight", keys);
        Assert.Contains("layer3.0.downsample.1.num_batches_tracked", keys);
        Assert.DoesNotContain(keys, k => k.StartsWith("layer1.0.downsample", StringComparison.Ordinal));
        Assert.DoesNotContain(keys, k => k.StartsWith("layer4", StringComparison.Ordinal));
    }

    [Fact]
    public void Weights_get_torchvision_init()
    {
        torch.manual_seed(1);
        using var model = new SmallResNet(1);
        var conv = (MixedPrecisionConv2d)Submodule(model, "layer3.0.conv2");
        // kaiming_normal_(fan_out, relu): std = √(2 / fan_out), fan_out = 128·3·3. PyTorch's layer default
        // (kaiming_uniform, a = √5) would give 1/√(3·fan_in) ≈ 0.017 instead.
        var expected = Math.Sqrt(2.0 / (128 * 9));
        Assert.Equal(expected, conv.weight.std().item<float>(), expected * 0.02);
        Assert.Equal(0.0, conv.weight.mean().item<float>(), 0.001);

        foreach (var bn in model.modules().OfType<SafeBatchNorm>())
        {
            Assert.True(bn.weight.eq(1).all().item<bool>());
            Assert.True(bn.bias!.eq(0).all().item<bool>());
        }
    }

    [Fact]
    public void Eval_uses_running_stats_after_a_train_forward()
    {
        torch.manual_seed(2);
        using var scope = torch.NewDisposeScope();
        using var model = new SmallResNet(1);
        var input = torch.randn(8, 1, 28, 28) * 3 + 1; // far from the initial running stats (mean 0, var 1)
        using var noGrad = torch.no_grad();

        model.train();
        var trainOut = model.call(input); // batch statistics; updates running mean/var once (momentum 0.1)
        model.eval();
        var evalOut = model.call(input); // running statistics

        Assert.False(trainOut.allclose(evalOut, rtol: 1e-3, atol: 1e-4));
        var bn1 = (SafeBatchNorm)Submodule(model, "bn1");
        Assert.Equal(1L, bn1.num_batches_tracked!.item<long>());
        Assert.False(bn1.running_mean!.eq(0).all().item<bool>());
    }

    [Fact]
    public void Backward_reaches_every_parameter()
    {
        torch.manual_seed(3);
        using var scope = torch.NewDisposeScope();
        using var model = new SmallResNet(1);
        using var head = new ProjectionHead(model.FeatureDim, 128, 64);
        var z = head.call(model.call(torch.randn(4, 1, 28, 28)));
        // A random projection of the output: a plain sum would give BN layers ~zero input gradients.
        (z * torch.randn_like(z)).sum().backward();

        foreach (var (name, p) in model.named_parameters().Concat(head.named_parameters()))
        {
            Assert.True(p.grad is not null, $"{name} has no gradient");
            Assert.True(p.grad!.abs().sum().item<float>() > 0, $"{name} has an all-zero gradient");
        }
    }

    [Fact]
    public void Forward_leaves_only_its_output_alive()
    {
        torch.manual_seed(4);
        using var model = new SmallResNet(1);
        using var input = torch.randn(2, 1, 28, 28);
        var stats = DisposeScopeManager.Statistics.TensorStatistics;
        var before = stats.ThreadTotalLiveCount;

        using (var output = model.call(input))
        {
            Assert.Equal(before + 1, stats.ThreadTotalLiveCount);
        }
        Assert.Equal(before, stats.ThreadTotalLiveCount);
    }

    [Theory]
    [InlineData(0, 1)]
    [InlineData(1, 0)]
    public void Rejects_non_positive_sizes(int inChannels, int blocksPerStage)
    {
        Assert.ThrowsAny<ArgumentException>(() => new SmallResNet(inChannels, null, blocksPerStage));
    }

    [Fact]
    public void Rejects_empty_or_non_positive_widths()
    {
        Assert.Throws<ArgumentException>(() => new SmallResNet(1, []));
        Assert.Throws<ArgumentException>(() => new SmallResNet(1, [32, 0]));
    }

    private static torch.nn.Module Submodule(torch.nn.Module model, string name) =>
        model.named_modules().Single(m => m.name == name).module;
}
