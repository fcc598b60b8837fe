using ActorSsl.Data.Idx;
using ActorSsl.Imaging;

namespace ActorSsl.Data.Tests.Idx;

public sealed class IdxSampleSourceTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Reads_images_and_labels_in_one_channel()
    {
        var images = _dir.File("img.gz", IdxBytes.Gzip(IdxBytes.Images(4, 3, 5)));
        var labels = _dir.File("lab", IdxBytes.Labels(2, 0, 1, 2));
        using var source = IdxSampleSource.Open(images, labels, classNames: ["zero", "one", "two"], name: "tiny");

        Assert.Equal(("tiny", 4, 1, 5, 3), (source.Name, source.Count, source.Channels, source.Width, source.Height));
        Assert.Equal(new[] { "zero", "one", "two" }, source.ClassNames);
        Assert.Equal(new[] { 2, 0, 1, 2 }, Enumerable.Range(0, 4).Select(source.Label));
        Assert.Equal($"{images}#3", source.Describe(3));

        var target = new PixelImage();
        Assert.True(source.TryRead(3, target, out var failure));
        Assert.Null(failure);
        Assert.Equal((5, 3, 1), (target.Width, target.Height, target.Channels));
        for (var y = 0; y < 3; y++)
        for (var x = 0; x < 5; x++)
            Assert.Equal(IdxBytes.Pixel(3, y, x, 5), target.Pixels[y * 5 + x]);
    }

    [Fact]
    public void Three_channels_replicate_the_gray_value()
    {
        using var source = IdxSampleSource.Open(_dir.File("img", IdxBytes.Images(2, 2, 3)), channels: 3);
        var target = new PixelImage();
        Assert.True(source.TryRead(1, target, out _));
        Assert.Equal((3, 2, 3), (target.Width, target.Height, target.Channels));
        var expected = IdxBytes.Pixel(1, 1, 2, 3);
        Assert.Equal(new[] { expected, expected, expected }, target.Pixels.Slice((1 * 3 + 2) * 3, 3).ToArray());
    }

    [Fact]
    public void Without_labels_the_source_is_unlabelled()
    {
        using var source = IdxSampleSource.Open(_dir.File("img", IdxBytes.Images(2, 2, 2)));
        Assert.Empty(source.ClassNames);
        Assert.Equal(-1, source.Label(1));
        Assert.Equal("img", source.Name);
    }

    [Fact]
    public void Default_class_names_are_label_numbers()
    {
        using var source = IdxSampleSource.Open(_dir.File("img", IdxBytes.Images(3, 1, 1)), _dir.File("lab", IdxBytes.Labels(0, 3, 1)));
        Assert.Equal(new[] { "0", "1", "2", "3" }, source.ClassNames);
    }

    [Fact]
    public void Count_mismatch_names_both_files()
    {
        var images = _dir.File("train-images", IdxBytes.Images(3, 2, 2));
        var labels = _dir.File("test-labels", IdxBytes.Labels(1, 2));
        var error = Assert.Throws<InvalidDataException>(() => IdxSampleSource.Open(images, labels));
        Assert.Equal($"{images} has 3 images but {labels} has 2 labels; they must come from the same split", error.Message);
    }

    [Fact]
    public void Label_outside_class_names_is_rejected()
    {
        var labels = _dir.File("lab", IdxBytes.Labels(0, 1, 7));
        var error = Assert.Throws<InvalidDataException>(() =>
            IdxSampleSource.Open(_dir.File("img", IdxBytes.Images(3, 1, 1)), labels, classNames: ["a", "b"]));
        Assert.Equal($"{labels}: label 7 at index 2 is outside the 2 class names", error.Message);
    }

    [Fact]
    public void Wrong_ranks_are_rejected()
    {
        var flat = _dir.File("flat", IdxBytes.Build(0x08, [2, 4], new byte[8]));
        Assert.Equal($"{flat}: expected 3 dimensions (count×height×width) for images but found 2 (2×4)",
            Assert.Throws<InvalidDataException>(() => IdxSampleSource.Open(flat)).Message);

        var labels2d = _dir.File("lab2d", IdxBytes.Build(0x08, [2, 1], new byte[2]));
        Assert.Equal($"{labels2d}: expected 1 dimension (count) for labels but found 2 (2×1)",
            Assert.Throws<InvalidDataException>(() => IdxSampleSource.Open(_dir.File("img", IdxBytes.Images(2, 1, 1)), labels2d)).Message);

        var empty = _dir.File("empty", IdxBytes.Build(0x08, [0, 28, 28], []));
        Assert.Equal($"{empty}: contains no images (0×28×28)", Assert.Throws<InvalidDataException>(() => IdxSampleSource.Open(empty)).Message);
    }

    [Fact]
    public void Index_out_of_range_and_bad_channels_are_programming_errors()
    {
        using var source = IdxSampleSource.Open(_dir.File("img", IdxBytes.Images(2, 1, 1)));
        Assert.Throws<ArgumentOutOfRangeException>(() => source.TryRead(2, new PixelImage(), out _));
        Assert.Throws<ArgumentOutOfRangeException>(() => source.Label(-1));
        Assert.Throws<ArgumentOutOfRangeException>(() => source.Describe(2));
        Assert.Throws<ArgumentOutOfRangeException>(() => IdxSampleSource.Open(_dir.File("img2", IdxBytes.Images(1, 1, 1)), channels: 2));
    }
}
