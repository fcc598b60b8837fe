using ActorSsl.Data.Shipping;
using ActorSsl.Imaging;
using ActorSsl.Imaging.Decoding;

namespace ActorSsl.Data.Folders;

/// <summary>
/// A dataset of image files in a folder, either one subfolder per class (labels = index of the subfolder name in
/// ordinal order, like torchvision's ImageFolder; subfolders without images are not classes, files directly in
/// the root are ignored) or a flat unlabelled folder. See <see cref="FolderLayout.Auto"/> for the detection rule.
/// The file list is built once at <see cref="Open"/> (sorted, deterministic); pixels are decoded on every
/// <see cref="TryRead"/> through a <see cref="SafeImageDecoder"/> owned by the calling thread, so concurrent reads
/// are safe. A broken file is reported by <see cref="TryRead"/> and skipped by the caller, not fatal.
/// </summary>
public sealed class ImageFolderSource : ISampleSource, IEncodedSamples
{
    private readonly string[] _paths;
    private readonly int[]? _labels;
    private readonly string[] _classNames;
    private readonly ThreadLocal<SafeImageDecoder> _decoders;
    private readonly DecoderLimits _limits;
    private bool _disposed;

    private ImageFolderSource(string root, FolderLayout layout, int channels, DecoderLimits limits, string[] paths, int[]? labels, string[] classNames)
    {
        Root = root;
        Layout = layout;
        Channels = channels;
        _paths = paths;
        _labels = labels;
        _classNames = classNames;
        _limits = limits;
        _decoders = new ThreadLocal<SafeImageDecoder>(() => new SafeImageDecoder(limits), trackAllValues: true);
    }

    /// <summary>
    /// Lists the images under <paramref name="root"/>. Throws <see cref="DirectoryNotFoundException"/> for a
    /// missing folder and <see cref="InvalidDataException"/> when it holds no image files; both name the path.
    /// </summary>
    public static ImageFolderSource Open(string root, ImageFolderOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(root);
        options ??= new ImageFolderOptions();
        if (options.Channels is not (1 or 3)) throw new ArgumentOutOfRangeException(nameof(options), options.Channels, "Channels must be 1 or 3");
        options.Limits.Validate();

        var full = Path.TrimEndingDirectorySeparator(Path.GetFullPath(root));
        if (!Directory.Exists(full))
            throw new DirectoryNotFoundException(File.Exists(full) ? $"image folder {full} is a file, not a folder" : $"image folder {full} does not exist");

        var layout = options.Layout == FolderLayout.Auto ? Detect(full) : options.Layout;
        string[] paths;
        int[]? labels = null;
        string[] classNames = [];
        if (layout == FolderLayout.ClassFolders)
        {
            (paths, labels, classNames) = ListClassFolders(full);
        }
        else
        {
            paths = FolderScanner.ImageFiles(full, options.Recursive).ToArray();
            if (paths.Length == 0)
                throw new InvalidDataException($"no image files ({string.Join(", ", ImageFileTypes.Extensions)}) in {full}" +
                                               (!options.Recursive && FolderScanner.HasImageFiles(full, recursive: true) ? "; set Recursive to include subfolders" : ""));
        }
        return new ImageFolderSource(full, layout, options.Channels, options.Limits, paths, labels, classNames);
    }

    /// <summary>The folder, as a full path.</summary>
    public string Root { get; }

    /// <summary>The layout in use (never <see cref="FolderLayout.Auto"/>).</summary>
    public FolderLayout Layout { get; }

    public string Name => Root;
    public int Count => _paths.Length;
    public int Channels { get; }
    public IReadOnlyList<string> ClassNames => _classNames;

    public int Label(int index)
    {
        CheckIndex(index);
        return _labels?[index] ?? -1;
    }

    public string Describe(int index)
    {
        CheckIndex(index);
        return _paths[index];
    }

    public bool TryRead(int index, PixelImage target, out string? failure)
    {
        CheckIndex(index);
        ObjectDisposedException.ThrowIf(_disposed, this);
        return _decoders.Value!.TryDecodeFile(_paths[index], Channels, target, out failure);
    }

    public PayloadFormat PayloadFormat => PayloadFormat.File;

    /// <summary>The file's bytes, unless it is larger than <paramref name="maxBytes"/> or the decoder's file limit, or unreadable.</summary>
    public byte[]? TryReadEncoded(int index, int maxBytes, out string? failure)
    {
        CheckIndex(index);
        ObjectDisposedException.ThrowIf(_disposed, this);
        var path = _paths[index];
        try
        {
            var length = new FileInfo(path).Length;
            var limit = Math.Min(maxBytes, _limits.MaxFileBytes);
            if (length > limit)
            {
                failure = length > _limits.MaxFileBytes
                    ? $"file of {length} bytes is larger than actorssl.data.max-file-bytes ({_limits.MaxFileBytes})"
                    : $"file of {length} bytes is larger than a lease may carry ({maxBytes}); use actorssl.cluster.data-transport = shared-path or raise actorssl.cluster.lease-max-bytes";
                return null;
            }
            failure = null;
            return File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            failure = $"cannot read file: {e.Message}";
            return null;
        }
    }

    /// <summary>Releases every thread's decoder. Call only after all readers have stopped.</summary>
    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        foreach (var decoder in _decoders.Values) decoder.Dispose();
        _decoders.Dispose();
    }

    private static FolderLayout Detect(string root)
    {
        if (FolderScanner.HasImageFiles(root, recursive: false)) return FolderLayout.Flat;
        return FolderScanner.Subdirectories(root).Any(sub => FolderScanner.HasImageFiles(sub, recursive: true))
            ? FolderLayout.ClassFolders
            : FolderLayout.Flat;
    }

    private static (string[] Paths, int[] Labels, string[] ClassNames) ListClassFolders(string root)
    {
        var paths = new List<string>();
        var labels = new List<int>();
        var classNames = new List<string>();
        foreach (var folder in FolderScanner.Subdirectories(root))
        {
            var files = FolderScanner.ImageFiles(folder, recursive: true);
            if (files.Count == 0) continue;
            paths.AddRange(files);
            labels.AddRange(Enumerable.Repeat(classNames.Count, files.Count));
            classNames.Add(Path.GetFileName(folder));
        }
        if (paths.Count == 0)
            throw new InvalidDataException($"no class subfolders with image files ({string.Join(", ", ImageFileTypes.Extensions)}) in {root}");
        return (paths.ToArray(), labels.ToArray(), classNames.ToArray());
    }

    private void CheckIndex(int index)
    {
        if ((uint)index >= (uint)_paths.Length) throw new ArgumentOutOfRangeException(nameof(index), index, $"{Root} has {_paths.Length} samples");
    }
}
