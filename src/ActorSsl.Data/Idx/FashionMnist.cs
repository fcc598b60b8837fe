namespace ActorSsl.Data.Idx;

/// <summary>
/// Fashion-MNIST (Zalando): 60,000 training and 10,000 test images of 28×28 gray clothing items in 10 classes.
/// On Debian the package dataset-fashion-mnist installs the four original .gz files in <see cref="DefaultDirectory"/>;
/// uncompressed copies with the same names minus ".gz" are accepted too.
/// </summary>
public static class FashionMnist
{
    public const string DefaultDirectory = "/usr/share/datasets/fashion-mnist";
    public const string InstallHint = "install it with: apt-get install dataset-fashion-mnist";

    /// <summary>The 10 class names in label order.</summary>
    public static IReadOnlyList<string> ClassNames { get; } =
        ["T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot"];

    /// <summary>Image side length.</summary>
    public const int Size = 28;

    /// <summary>
    /// Opens split "train" or "test" from <paramref name="directory"/> as a labelled source named
    /// "fashion-mnist/&lt;split&gt;" with 1 channel (or 3, replicated).
    /// </summary>
    public static IdxSampleSource Open(string directory, string split, int channels = 1)
    {
        ArgumentNullException.ThrowIfNull(directory);
        var prefix = split switch
        {
            "train" => "train",
            "test" => "t10k",
            _ => throw new ArgumentException($"split must be \"train\" or \"test\", not \"{split}\"", nameof(split)),
        };
        if (!Directory.Exists(directory))
            throw new DirectoryNotFoundException($"Fashion-MNIST directory {directory} does not exist; {InstallHint}");

        var images = IdxReader.Read(Find(directory, $"{prefix}-images-idx3-ubyte"));
        var labels = IdxReader.Read(Find(directory, $"{prefix}-labels-idx1-ubyte"));
        if (images.Dimensions.Count == 3 && (images.Dimensions[1] != Size || images.Dimensions[2] != Size))
            throw new InvalidDataException($"{images.Path}: Fashion-MNIST images are {Size}×{Size} but this file holds {images.Shape}");
        return new IdxSampleSource(images, labels, channels, ClassNames, $"fashion-mnist/{split}");
    }

    private static string Find(string directory, string baseName)
    {
        var gz = Path.Combine(directory, baseName + ".gz");
        if (File.Exists(gz)) return gz;
        var raw = Path.Combine(directory, baseName);
        if (File.Exists(raw)) return raw;
        throw new FileNotFoundException($"Fashion-MNIST file {gz} (or {baseName}) not found; {InstallHint}", gz);
    }
}
