namespace ActorSsl.Data.Idx;

/// <summary>
/// An IDX file (the MNIST container format) loaded whole: its dimensions and its unsigned-byte payload in
/// row-major order. Immutable and safe to share between threads. Read one with <see cref="IdxReader"/>.
/// </summary>
public sealed class IdxFile
{
    private readonly byte[] _data;
    private readonly int[] _dimensions;

    /// <summary>Wraps <paramref name="data"/>, whose length must be the product of <paramref name="dimensions"/>.</summary>
    public IdxFile(string path, IReadOnlyList<int> dimensions, byte[] data)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(dimensions);
        ArgumentNullException.ThrowIfNull(data);
        if (dimensions.Count == 0) throw new ArgumentException("an IDX file has at least one dimension", nameof(dimensions));
        if (dimensions.Any(d => d < 0)) throw new ArgumentOutOfRangeException(nameof(dimensions), $"negative dimension in {Numbers.Shape(dimensions)}");
        var expected = dimensions.Aggregate(1L, (product, d) => product * d);
        if (expected != data.Length)
            throw new ArgumentException($"{Numbers.Shape(dimensions)} needs {Numbers.Grouped(expected)} bytes, not {Numbers.Grouped(data.Length)}", nameof(data));
        var itemLength = dimensions.Skip(1).Aggregate(1L, (product, d) => product * d);
        if (itemLength > Array.MaxLength) throw new ArgumentOutOfRangeException(nameof(dimensions), $"items of {Numbers.Shape(dimensions.Skip(1))} are too large");
        Path = path;
        _dimensions = dimensions.ToArray();
        _data = data;
        ItemLength = (int)itemLength;
    }

    /// <summary>The file this came from (used in every error message about it).</summary>
    public string Path { get; }

    /// <summary>Sizes of each dimension, outermost (the item count) first.</summary>
    public IReadOnlyList<int> Dimensions => _dimensions;

    /// <summary>Number of items: the first dimension.</summary>
    public int Count => _dimensions[0];

    /// <summary>Bytes per item: the product of all dimensions after the first (1 for a 1-D file).</summary>
    public int ItemLength { get; }

    /// <summary>The whole payload.</summary>
    public ReadOnlySpan<byte> Data => _data;

    /// <summary>The bytes of item <paramref name="index"/>.</summary>
    public ReadOnlySpan<byte> Item(int index)
    {
        if ((uint)index >= (uint)Count) throw new ArgumentOutOfRangeException(nameof(index), index, $"{Path} has {Count} items");
        return _data.AsSpan(index * ItemLength, ItemLength);
    }

    /// <summary>"60000×28×28".</summary>
    public string Shape => Numbers.Shape(_dimensions);
}
