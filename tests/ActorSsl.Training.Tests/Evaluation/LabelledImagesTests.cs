using ActorSsl.Training.Evaluation;
using TorchSharp;

namespace ActorSsl.Training.Tests.Evaluation;

public sealed class LabelledImagesTests
{
    public LabelledImagesTests() => TorchRuntime.EnsureAvailable();

    [Fact]
    public void Rgb_pixels_become_CHW_with_their_labels()
    {
        // Sample i, pixel (x, y), channel c = 100·c + 10·y + x + i.
        using var source = new FakeSampleSource(2, 3, _ => (2, 2), (i, x, y, c) => (byte)(100 * c + 10 * y + x + i), i => i + 1);

        using var data = LabelledImages.Load(source, size: 2);

        Assert.Equal(new long[] { 2, 3, 2, 2 }, data.Images.shape);
        Assert.Equal(torch.ScalarType.Byte, data.Images.dtype);
        Assert.Equal(new byte[] { 0, 1, 10, 11, 100, 101, 110, 111, 200, 201, 210, 211 },
            data.Images[0].data<byte>().ToArray());
        Assert.Equal(new byte[] { 1, 2, 11, 12, 101, 102, 111, 112, 201, 202, 211, 212 },
            data.Images[1].data<byte>().ToArray());
        Assert.Equal(new long[] { 1, 2 }, data.Labels.data<long>().ToArray());
        Assert.Equal(3, data.NumClasses);
        Assert.Equal(0, data.SkippedCount);
    }

    [Fact]
    public void Unreadable_samples_and_bad_labels_are_skipped_counted_and_explained()
    {
        using var source = new FakeSampleSource(5, 1, _ => (2, 2), (i, _, _, _) => (byte)i, i => i == 3 ? 7 : i % 3,
            broken: new HashSet<int> { 1 });

        using var data = LabelledImages.Load(source, size: 2);

        Assert.Equal(3, data.Count);
        Assert.Equal(2, data.SkippedCount);
        Assert.Equal(["fake#1: truncated", "fake#3: label 7 is outside 0..2"], data.SkipReasons);
        Assert.Equal(new long[] { 0, 2, 1 }, data.Labels.data<long>().ToArray());
        Assert.Equal(new byte[] { 0, 0, 0, 0, 2, 2, 2, 2, 4, 4, 4, 4 }, data.Images.data<byte>().ToArray());
    }

    [Fact]
    public void A_wide_image_keeps_its_height_and_loses_its_sides()
    {
        // 8 wide × 4 high, pixel value = 10·x: shorter side is already 4, so no scaling; the centre crop keeps x = 2..5.
        using var source = new FakeSampleSource(1, 1, _ => (8, 4), (_, x, _, _) => (byte)(10 * x), _ => 0);

        using var data = LabelledImages.Load(source, size: 4);

        var row = data.Images[0, 0, 1].data<byte>().ToArray();
        Assert.Equal(new byte[] { 20, 30, 40, 50 }, row);
    }

    [Fact]
    public void A_larger_image_is_scaled_down_smoothly()
    {
        // 16×16, value = 8·x: halving with a (antialiased) bilinear filter averages neighbouring columns,
        // so column j becomes about (8·2j + 8·(2j+1)) / 2 = 16j + 4 away from the borders.
        using var source = new FakeSampleSource(1, 1, _ => (16, 16), (_, x, _, _) => (byte)(8 * x), _ => 0);

        using var data = LabelledImages.Load(source, size: 8);

        Assert.Equal(new long[] { 1, 1, 8, 8 }, data.Images.shape);
        var row = data.Images[0, 0, 4].data<byte>().ToArray();
        for (var j = 1; j < 7; j++) Assert.InRange(row[j], 16 * j + 2, 16 * j + 6);
    }

    [Fact]
    public void An_unlabelled_source_is_refused()
    {
        using var source = new FakeSampleSource(1, 1, _ => (2, 2), (_, _, _, _) => 0, _ => -1, classes: 0);
        Assert.Throws<ArgumentException>(() => LabelledImages.Load(source, 2));
    }
}
