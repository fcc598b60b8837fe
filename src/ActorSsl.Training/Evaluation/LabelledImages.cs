using ActorSsl.Data;
using ActorSsl.Imaging;
using TorchSharp;
using static TorchSharp.torch;

namespace ActorSsl.Training.Evaluation;

/// <summary>
/// A whole labelled split held as one uint8 tensor [N,C,S,S] plus int64 labels [N] on the CPU, for evaluation
/// (kNN monitor, linear probe): every sample once, centred, no augmentation. Bytes, not floats, keep it 4× smaller
/// (Fashion-MNIST train: 47 MB); normalisation happens per batch on the device (<see cref="ImageNormalization"/>).
/// </summary>
public sealed class LabelledImages : IDisposable
{
    /// <summary>How many skip reasons are kept verbatim (the count is always exact).</summary>
    public const int MaxKeptReasons = 20;

    private LabelledImages(Tensor images, Tensor labels, IReadOnlyList<string> classNames, int skipped, IReadOnlyList<string> reasons, string name)
    {
        Images = images;
        Labels = labels;
        ClassNames = classNames;
        SkippedCount = skipped;
        SkipReasons = reasons;
        Name = name;
    }

    /// <summary>uint8 [N,C,S,S], CPU.</summary>
    public Tensor Images { get; }

    /// <summary>int64 [N] in 0..NumClasses-1, CPU.</summary>
    public Tensor Labels { get; }

    public IReadOnlyList<string> ClassNames { get; }
    public int NumClasses => ClassNames.Count;
    public string Name { get; }
    public int Count => (int)Images.shape[0];
    public int Channels => (int)Images.shape[1];
    public int Size => (int)Images.shape[2];

    /// <summary>Samples that could not be read or carried an out-of-range label; they are not in <see cref="Images"/>.</summary>
    public int SkippedCount { get; }

    /// <summary>"where: why" for the first <see cref="MaxKeptReasons"/> skipped samples.</summary>
    public IReadOnlyList<string> SkipReasons { get; }

    /// <summary>
    /// Reads every sample of <paramref name="source"/> as <paramref name="size"/>×<paramref name="size"/>: images of
    /// another size are resized so the shorter side is <paramref name="size"/> (bilinear, antialiased) and centre-cropped.
    /// Unreadable samples are skipped and counted.
    /// </summary>
    /// <exception cref="ArgumentException">The source is unlabelled.</exception>
    /// <exception cref="InvalidDataException">No sample could be read.</exception>
    public static LabelledImages Load(ISampleSource source, int size)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentOutOfRangeException.ThrowIfLessThan(size, 1);
        var classes = source.ClassNames.ToArray();
        if (classes.Length == 0)
            throw new ArgumentException($"{source.Name} is unlabelled; evaluation needs class labels", nameof(source));

        var channels = source.Channels;
        var sampleBytes = checked(channels * size * size);
        var totalBytes = (long)sampleBytes * source.Count;
        if (totalBytes > Array.MaxLength)
            throw new ArgumentException($"{source.Name}: {source.Count} samples of {channels}×{size}×{size} bytes ({totalBytes / (1 << 20)} MiB) " +
                                        "do not fit in one array; evaluate on a subset", nameof(source));
        var pixels = new byte[totalBytes];
        var labels = new long[source.Count];
        var reasons = new List<string>();
        var image = new PixelImage();
        var kept = 0;
        var skipped = 0;
        using var resizer = new CentreResizer(size);

        for (var i = 0; i < source.Count; i++)
        {
            string? failure;
            var label = source.Label(i);
            if (label < 0 || label >= classes.Length)
                failure = $"label {label} is outside 0..{classes.Length - 1}";
            else if (source.TryRead(i, image, out failure))
            {
                var target = pixels.AsSpan(kept * sampleBytes, sampleBytes);
                if (image.Width == size && image.Height == size) HwcToChw(image.Pixels, target, channels, size * size);
                else resizer.Resize(image, target);
                labels[kept++] = label;
                continue;
            }
            skipped++;
            if (reasons.Count < MaxKeptReasons) reasons.Add($"{source.Describe(i)}: {failure ?? "unreadable"}");
        }
        if (kept == 0)
            throw new InvalidDataException($"{source.Name}: none of the {source.Count} samples could be read" +
                                           (reasons.Count > 0 ? $" (first: {reasons[0]})" : ""));

        if (kept < source.Count)
        {
            Array.Resize(ref pixels, kept * sampleBytes);
            Array.Resize(ref labels, kept);
        }
        var imageTensor = tensor(pixels, [kept, channels, size, size], ScalarType.Byte);
        var labelTensor = tensor(labels, [kept], ScalarType.Int64);
        return new LabelledImages(imageTensor, labelTensor, classes, skipped, reasons, source.Name);
    }

    public void Dispose()
    {
        Images.Dispose();
        Labels.Dispose();
    }

    private static void HwcToChw(ReadOnlySpan<byte> hwc, Span<byte> chw, int channels, int plane)
    {
        if (channels == 1)
        {
            hwc.CopyTo(chw);
            return;
        }
        for (var c = 0; c < channels; c++)
        {
            var dst = chw.Slice(c * plane, plane);
            for (int p = 0, s = c; p < plane; p++, s += channels) dst[p] = hwc[s];
        }
    }
}
