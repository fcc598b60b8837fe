using ActorSsl.Training.Evaluation;
using TorchSharp;
using static TorchSharp.torch;

namespace ActorSsl.Training.Tests.Evaluation;

public sealed class ImageNormalizationTests
{
    public ImageNormalizationTests() => TorchRuntime.EnsureAvailable();

    [Fact]
    public void Fashion_mnist_maps_0_and_255_to_the_hand_computed_values()
    {
        using var scope = NewDisposeScope();
        var pixels = tensor(new byte[] { 0, 255, 51, 128 }, [1, 1, 2, 2], ScalarType.Byte);

        var x = ImageNormalization.FashionMnist.Apply(pixels, CPU);

        Assert.Equal(ScalarType.Float32, x.dtype);
        Assert.Equal(new long[] { 1, 1, 2, 2 }, x.shape);
        var v = x.data<float>().ToArray();
        // (p/255 - 0.2860) / 0.3530
        Assert.Equal(-0.810198, v[0], 5);
        Assert.Equal(2.022663, v[1], 5);
        Assert.Equal((0.2 - 0.286) / 0.353, v[2], 5);
        Assert.Equal((128 / 255.0 - 0.286) / 0.353, v[3], 5);
    }

    [Fact]
    public void ImageNet_uses_each_channels_own_mean_and_std_on_a_CHW_image()
    {
        using var scope = NewDisposeScope();
        var pixels = full(3, 2, 2, 255, ScalarType.Byte);

        var x = ImageNormalization.ImageNet.Apply(pixels, CPU);

        Assert.Equal(new long[] { 3, 2, 2 }, x.shape);
        var v = x.data<float>().ToArray();
        double[] expected = [(1 - 0.485) / 0.229, (1 - 0.456) / 0.224, (1 - 0.406) / 0.225];
        for (var c = 0; c < 3; c++)
            for (var p = 0; p < 4; p++)
                Assert.Equal(expected[c], v[c * 4 + p], 5);
    }

    [Fact]
    public void Leaves_the_input_unchanged_and_is_repeatable()
    {
        using var scope = NewDisposeScope();
        var pixels = arange(0, 256, ScalarType.Int32).to_type(ScalarType.Byte).reshape(4, 1, 8, 8);

        var a = ImageNormalization.FashionMnist.Apply(pixels, CPU);
        var b = ImageNormalization.FashionMnist.Apply(pixels, CPU);

        Assert.Equal(Enumerable.Range(0, 256).Select(i => (byte)i).ToArray(), pixels.data<byte>().ToArray());
        Assert.True(a.eq(b).all().item<bool>());
    }

    [Fact]
    public void Rejects_float_input_and_a_channel_mismatch()
    {
        using var scope = NewDisposeScope();
        Assert.Throws<ArgumentException>(() => ImageNormalization.FashionMnist.Apply(zeros(1, 1, 2, 2), CPU));
        Assert.Throws<ArgumentException>(() => ImageNormalization.FashionMnist.Apply(zeros([1, 3, 2, 2], ScalarType.Byte), CPU));
        Assert.Throws<ArgumentException>(() => new ImageNormalization([0.5f], [0f]));
    }
}
