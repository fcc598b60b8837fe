using ActorSsl.Imaging;

namespace ActorSsl.Data;

/// <summary>
/// A dataset addressed by sample index 0..Count-1. Thread-safe for concurrent <see cref="TryRead"/> calls
/// (several augmentation workers share one source in a process). Nothing is preloaded beyond what the
/// format requires (IDX files are small and loaded whole; image folders are read file by file).
/// </summary>
public interface ISampleSource : IDisposable
{
    /// <summary>Short human name, e.g. "fashion-mnist/train" or the folder path.</summary>
    string Name { get; }

    /// <summary>Number of samples.</summary>
    int Count { get; }

    /// <summary>Channels every sample is normalised to (1 or 3).</summary>
    int Channels { get; }

    /// <summary>Class names when the source is labelled, else empty.</summary>
    IReadOnlyList<string> ClassNames { get; }

    /// <summary>Label of sample <paramref name="index"/>, or -1 when unlabelled.</summary>
    int Label(int index);

    /// <summary>Where sample <paramref name="index"/> comes from (a file path, or "file#index").</summary>
    string Describe(int index);

    /// <summary>
    /// Loads sample <paramref name="index"/> into <paramref name="target"/> with <see cref="Channels"/> channels.
    /// Returns false with a one-line <paramref name="failure"/> reason for a broken or hostile sample; never
    /// throws for bad sample content (only for programming errors such as an index out of range).
    /// </summary>
    bool TryRead(int index, PixelImage target, out string? failure);
}
