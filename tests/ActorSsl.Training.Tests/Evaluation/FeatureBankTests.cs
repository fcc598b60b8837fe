using ActorSsl.Training.Evaluation;
using TorchSharp;
using static TorchSharp.torch;

namespace ActorSsl.Training.Tests.Evaluation;

public sealed class FeatureBankTests
{
    public FeatureBankTests() => TorchRuntime.EnsureAvailable();

    private static Tensor Images(int n, long seed = 3)
    {
        var g = new Generator((ulong)seed, CPU);
        return randint(0, 256, [n, 1, 4, 4], ScalarType.Int64, generator: g).to_type(ScalarType.Byte);
    }

    /// <summary>Flatten then dropout: in eval mode exactly the flattened pixels, in training mode half of them zeroed.</summary>
    private static nn.Module<Tensor, Tensor> FlattenDropout() =>
        nn.Sequential(("flatten", nn.Flatten()), ("dropout", nn.Dropout(0.5)));

    [Fact]
    public void Rows_are_unit_length_and_computed_in_eval_mode()
    {
        using var scope = NewDisposeScope();
        var images = Images(10);
        using var backbone = FlattenDropout();
        backbone.train();

        var features = FeatureBank.Compute(backbone, images, ImageNormalization.FashionMnist, CPU, batchSize: 3);

        Assert.Equal(new long[] { 10, 16 }, features.shape);
        var norms = features.norm(1).data<float>().ToArray();
        Assert.All(norms, n => Assert.Equal(1.0, n, 5));
        // Dropout off: exactly the normalised flattened pixels, nothing zeroed.
        var expected = nn.functional.normalize(ImageNormalization.FashionMnist.Apply(images, CPU).flatten(1));
        Assert.True(features.allclose(expected, rtol: 1e-5, atol: 1e-6));
    }

    [Fact]
    public void Unnormalised_features_are_the_raw_backbone_output_and_batching_does_not_matter()
    {
        using var scope = NewDisposeScope();
        var images = Images(10);
        using var backbone = FlattenDropout();

        var byThree = FeatureBank.Compute(backbone, images, ImageNormalization.FashionMnist, CPU, batchSize: 3, l2Normalize: false);
        var whole = FeatureBank.Compute(backbone, images, ImageNormalization.FashionMnist, CPU, batchSize: 512, l2Normalize: false);

        var expected = ImageNormalization.FashionMnist.Apply(images, CPU).flatten(1);
        Assert.True(byThree.allclose(expected, rtol: 1e-6, atol: 1e-6));
        Assert.True(whole.eq(byThree).all().item<bool>());
    }

    [Theory]
    [InlineData(true, true)]
    [InlineData(false, false)]
    [InlineData(true, false)] // e.g. a frozen BatchNorm inside a backbone that is training
    public void Every_module_gets_its_training_mode_back(bool root, bool child)
    {
        using var scope = NewDisposeScope();
        using var backbone = FlattenDropout();
        backbone.train(root);
        var dropout = backbone.named_modules().Single(m => m.name == "dropout").module;
        dropout.train(child);

        FeatureBank.Compute(backbone, Images(4), ImageNormalization.FashionMnist, CPU);

        Assert.Equal(root, backbone.training);
        Assert.Equal(child, dropout.training);
    }

    [Fact]
    public void Runs_without_autograd_and_restores_the_mode_when_the_backbone_fails()
    {
        using var scope = NewDisposeScope();
        using var linear = nn.Sequential(("flatten", nn.Flatten()), ("fc", nn.Linear(16, 5)));
        var features = FeatureBank.Compute(linear, Images(6), ImageNormalization.FashionMnist, CPU);
        Assert.False(features.requires_grad);
        Assert.Equal(new long[] { 6, 5 }, features.shape);

        using var unpooled = nn.Sequential(("dropout", nn.Dropout(0.5))); // returns [B,C,H,W], not [B,D]
        unpooled.train();
        var error = Assert.Throws<InvalidOperationException>(() =>
            FeatureBank.Compute(unpooled, Images(6), ImageNormalization.FashionMnist, CPU));
        Assert.Contains("pooled features", error.Message);
        Assert.True(unpooled.training);
    }
}
