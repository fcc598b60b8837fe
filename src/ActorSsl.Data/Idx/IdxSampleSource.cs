using ActorSsl.Data.Shipping;
using ActorSsl.Imaging;

namespace ActorSsl.Data.Idx;

/// <summary>
/// A dataset from an IDX images file (count×height×width, unsigned bytes) and an optional IDX labels file
/// (count). Everything is in memory, so <see cref="TryRead"/> never fails and is safe from any number of threads.
/// With <see cref="Channels"/> = 3 the gray value is replicated into R, G and B.
/// </summary>
public sealed class IdxSampleSource : ISampleSource, IEncodedSamples
{
    private readonly IdxFile _images;
    private readonly IdxFile? _labels;
    private readonly string[] _classNames;

    /// <summary>
    /// Checks that <paramref name="images"/> is 3-D, that <paramref name="labels"/> (if any) is 1-D with the same
    /// count, and that every label indexes <paramref name="classNames"/> (default: "0" … max label).
    /// Throws <see cref="InvalidDataException"/> naming the file(s) at fault.
    /// </summary>
    public IdxSampleSource(IdxFile images, IdxFile? labels = null, int channels = 1, IReadOnlyList<string>? classNames = null, string? name = null)
    {
        ArgumentNullException.ThrowIfNull(images);
        if (channels is not (1 or 3)) throw new ArgumentOutOfRangeException(nameof(channels), channels, "channels must be 1 or 3");
        if (images.Dimensions.Count != 3)
            throw new InvalidDataException($"{images.Path}: expected 3 dimensions (count×height×width) for images but found {images.Dimensions.Count} ({images.Shape})");
        if (images.Count == 0 || images.ItemLength == 0) throw new InvalidDataException($"{images.Path}: contains no images ({images.Shape})");
        if (labels is null && classNames is not null) throw new ArgumentException("class names need a labels file", nameof(classNames));

        _images = images;
        _labels = labels;
        Channels = channels;
        Height = images.Dimensions[1];
        Width = images.Dimensions[2];
        _classNames = labels is null ? [] : CheckLabels(images, labels, classNames);
        Name = name ?? System.IO.Path.GetFileName(images.Path);
    }

    /// <summary>Reads both files with <see cref="IdxReader"/> and builds the source.</summary>
    public static IdxSampleSource Open(string imagesPath, string? labelsPath = null, int channels = 1, IReadOnlyList<string>? classNames = null, string? name = null)
    {
        var images = IdxReader.Read(imagesPath);
        var labels = labelsPath is null ? null : IdxReader.Read(labelsPath);
        return new IdxSampleSource(images, labels, channels, classNames, name);
    }

    public string Name { get; }
    public int Count => _images.Count;
    public int Channels { get; }
    public IReadOnlyList<string> ClassNames => _classNames;

    /// <summary>Width of every image (third dimension).</summary>
    public int Width { get; }

    /// <summary>Height of every image (second dimension).</summary>
    public int Height { get; }

    public int Label(int index)
    {
        CheckIndex(index);
        return _labels is null ? -1 : _labels.Data[index];
    }

    public string Describe(int index)
    {
        CheckIndex(index);
        return $"{_images.Path}#{index}";
    }

    public bool TryRead(int index, PixelImage target, out string? failure)
    {
        CheckIndex(index);
        ArgumentNullException.ThrowIfNull(target);
        var source = _images.Item(index);
        var destination = target.Reset(Width, Height, Channels);
        if (Channels == 1)
        {
            source.CopyTo(destination);
        }
        else
        {
            for (int i = 0, o = 0; i < source.Length; i++, o += 3)
                destination[o] = destination[o + 1] = destination[o + 2] = source[i];
        }
        failure = null;
        return true;
    }

    public PayloadFormat PayloadFormat => PayloadFormat.RawGray(Width, Height);

    /// <summary>The item's raw pixels (Height × Width bytes).</summary>
    public byte[]? TryReadEncoded(int index, int maxBytes, out string? failure)
    {
        CheckIndex(index);
        var item = _images.Item(index);
        if (item.Length > maxBytes)
        {
            failure = $"{item.Length} bytes, more than the {maxBytes} a lease may carry";
            return null;
        }
        failure = null;
        return item.ToArray();
    }

    /// <summary>Nothing to release: the data is ordinary managed memory.</summary>
    public void Dispose()
    {
    }

    private static string[] CheckLabels(IdxFile images, IdxFile labels, IReadOnlyList<string>? classNames)
    {
        if (labels.Dimensions.Count != 1)
            throw new InvalidDataException($"{labels.Path}: expected 1 dimension (count) for labels but found {labels.Dimensions.Count} ({labels.Shape})");
        if (labels.Count != images.Count)
            throw new InvalidDataException(
                $"{images.Path} has {Numbers.Grouped(images.Count)} images but {labels.Path} has {Numbers.Grouped(labels.Count)} labels; they must come from the same split");

        var data = labels.Data;
        var max = -1;
        foreach (var label in data) max = Math.Max(max, label);
        if (classNames is null) return Enumerable.Range(0, max + 1).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        if (max >= classNames.Count)
        {
            var at = data.IndexOf((byte)max);
            throw new InvalidDataException($"{labels.Path}: label {max} at index {at} is outside the {classNames.Count} class names");
        }
        return classNames.ToArray();
    }

    private void CheckIndex(int index)
    {
        if ((uint)index >= (uint)Count) throw new ArgumentOutOfRangeException(nameof(index), index, $"{Name} has {Count} samples");
    }
}
