using ActorSsl.Data.Shipping;
using ActorSsl.Imaging;

namespace ActorSsl.Data;

/// <summary>The first <see cref="Count"/> samples of another source (for quick runs: max-samples).</summary>
public sealed class SubsetSource(ISampleSource inner, int count) : ISampleSource, IEncodedSamples
{
    private readonly int _count = count > 0 && count <= inner.Count
        ? count
        : throw new ArgumentOutOfRangeException(nameof(count), $"subset of {count} samples must be in 1..{inner.Count}");

    public string Name => $"{inner.Name}[0..{_count})";
    public int Count => _count;
    public int Channels => inner.Channels;
    public IReadOnlyList<string> ClassNames => inner.ClassNames;
    public int Label(int index) => inner.Label(Check(index));
    public string Describe(int index) => inner.Describe(Check(index));
    public bool TryRead(int index, PixelImage target, out string? failure) => inner.TryRead(Check(index), target, out failure);
    public void Dispose() => inner.Dispose();

    public PayloadFormat PayloadFormat => Encoded.PayloadFormat;

    public byte[]? TryReadEncoded(int index, int maxBytes, out string? failure) => Encoded.TryReadEncoded(Check(index), maxBytes, out failure);

    private IEncodedSamples Encoded => inner as IEncodedSamples
        ?? throw new NotSupportedException($"{inner.Name} cannot ship encoded samples");

    private int Check(int index) => (uint)index < (uint)_count ? index : throw new ArgumentOutOfRangeException(nameof(index), $"index {index} is outside 0..{_count - 1}");
}
