using ActorSsl.Data;
using ActorSsl.Data.Idx;
using ActorSsl.Training.Evaluation;
using static TorchSharp.torch;

namespace ActorSsl.Training.Tests.Evaluation;

/// <summary>Against the real Fashion-MNIST files (Debian package dataset-fashion-mnist, installed on CI).</summary>
public sealed class RawPixelBaselineTests
{
    public RawPixelBaselineTests() => TorchRuntime.EnsureAvailable();

    [Fact]
    public void Raw_pixel_knn_on_a_fashion_mnist_subset_is_well_above_chance()
    {
        using var train = LabelledImages.Load(new SubsetSource(FashionMnist.Open(FashionMnist.DefaultDirectory, "train"), 5000), FashionMnist.Size);
        using var test = LabelledImages.Load(new SubsetSource(FashionMnist.Open(FashionMnist.DefaultDirectory, "test"), 1000), FashionMnist.Size);
        Assert.Equal(0, train.SkippedCount);
        Assert.Equal(new long[] { 5000, 1, 28, 28 }, train.Images.shape);

        var top1 = RawPixelBaseline.Top1(train, test, ImageNormalization.FashionMnist, CPU);

        // Full 60k/10k gives about 79 %; with a twelfth of the memory bank it is a few points lower. Chance is 10 %.
        Assert.InRange(top1, 70.0, 90.0);
    }
}
