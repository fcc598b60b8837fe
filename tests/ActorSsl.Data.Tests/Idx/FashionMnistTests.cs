using System.IO.Compression;
using ActorSsl.Data.Idx;
using ActorSsl.Imaging;

namespace ActorSsl.Data.Tests.Idx;

/// <summary>Against the real files from the Debian package dataset-fashion-mnist (installed on CI).</summary>
public sealed class FashionMnistTests
{
    private static readonly string[] ExpectedClasses =
        ["T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot"];

    [Theory]
    [InlineData("train", 60000, 6000, new[] { 9, 0, 0, 3, 0, 2, 7, 2, 5, 5 })]
    [InlineData("test", 10000, 1000, new[] { 9, 2, 1, 1, 6, 1, 4, 6, 5, 7 })]
    public void Real_split_has_the_published_shape_labels_and_balance(string split, int count, int perClass, int[] firstLabels)
    {
        using var source = FashionMnist.Open(FashionMnist.DefaultDirectory, split);

        Assert.Equal($"fashion-mnist/{split}", source.Name);
        Assert.Equal((count, 1, 28, 28), (source.Count, source.Channels, source.Width, source.Height));
        Assert.Equal(ExpectedClasses, source.ClassNames);
        Assert.Equal(firstLabels, Enumerable.Range(0, 10).Select(source.Label));
        var histogram = Enumerable.Range(0, count).GroupBy(source.Label).OrderBy(g => g.Key).Select(g => (g.Key, g.Count())).ToArray();
        Assert.Equal(Enumerable.Range(0, 10).Select(c => (c, perClass)), histogram);
    }

    [Fact]
    public void First_training_image_has_known_pixels()
    {
        using var source = FashionMnist.Open(FashionMnist.DefaultDirectory, "train");
        var target = new PixelImage();
        Assert.True(source.TryRead(0, target, out _));
        Assert.Equal(76247, target.Pixels.ToArray().Sum(b => b));
        Assert.Equal(217, target.Pixels[14 * 28 + 14]);
        Assert.Equal(0, target.Pixels[0]);
        Assert.Equal(255, target.Pixels.ToArray().Max());
    }

    [Fact]
    public void Three_channel_test_split_replicates_gray()
    {
        using var source = FashionMnist.Open(FashionMnist.DefaultDirectory, "test", channels: 3);
        var target = new PixelImage();
        Assert.True(source.TryRead(0, target, out _));
        Assert.Equal((28, 28, 3), (target.Width, target.Height, target.Channels));
        var center = (14 * 28 + 14) * 3;
        Assert.Equal(110, target.Pixels[center]);
        Assert.Equal(110, target.Pixels[center + 1]);
        Assert.Equal(110, target.Pixels[center + 2]);
    }

    [Fact]
    public void Uncompressed_copies_are_accepted()
    {
        using var dir = new TempDirectory();
        foreach (var name in new[] { "t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte" })
        {
            using var gzip = new GZipStream(File.OpenRead(Path.Combine(FashionMnist.DefaultDirectory, name + ".gz")), CompressionMode.Decompress);
            using var raw = File.Create(Path.Combine(dir.Path, name));
            gzip.CopyTo(raw);
        }
        using var source = FashionMnist.Open(dir.Path, "test");
        Assert.Equal(10000, source.Count);
        Assert.Equal(9, source.Label(0));
        Assert.EndsWith("/t10k-images-idx3-ubyte#0", source.Describe(0));
    }

    [Fact]
    public void Missing_directory_or_file_says_how_to_install()
    {
        var error = Assert.Throws<DirectoryNotFoundException>(() => FashionMnist.Open("/nonexistent/fashion-mnist", "train"));
        Assert.Equal("Fashion-MNIST directory /nonexistent/fashion-mnist does not exist; install it with: apt-get install dataset-fashion-mnist", error.Message);

        using var dir = new TempDirectory();
        var missing = Assert.Throws<FileNotFoundException>(() => FashionMnist.Open(dir.Path, "test"));
        Assert.Contains("t10k-images-idx3-ubyte.gz", missing.Message);
        Assert.EndsWith("install it with: apt-get install dataset-fashion-mnist", missing.Message);
    }

    [Fact]
    public void Unknown_split_is_rejected()
    {
        var error = Assert.Throws<ArgumentException>(() => FashionMnist.Open(FashionMnist.DefaultDirectory, "validation"));
        Assert.StartsWith("split must be \"train\" or \"test\", not \"validation\"", error.Message);
    }
}
