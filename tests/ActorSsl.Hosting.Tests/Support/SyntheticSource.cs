using ActorSsl.Data;
using ActorSsl.Data.Shipping;
using ActorSsl.Imaging;

namespace ActorSsl.Hosting.Tests.Support;

/// <summary>
/// An in-memory grayscale dataset whose pixels are a function of the sample index. It can also ship its samples
/// (raw-gray payloads), so it serves augment nodes in <c>bytes</c> transport without any file.
/// </summary>
public sealed class SyntheticSource(int count, int size = 12) : ISampleSource, IEncodedSamples
{
    private int _disposed;

    public string Name => "synthetic";
    public int Count => count;
    public int Channels => 1;
    public IReadOnlyList<string> ClassNames => Array.Empty<string>();
    public bool Disposed => Volatile.Read(ref _disposed) == 1;
    public int Label(int index) => -1;
    public string Describe(int index) => $"synthetic#{index}";
    public PayloadFormat PayloadFormat => PayloadFormat.RawGray(size, size);

    public bool TryRead(int index, PixelImage target, out string? failure)
    {
        Fill(index, target.Reset(size, size, 1));
        failure = null;
        return true;
    }

    public byte[]? TryReadEncoded(int index, int maxBytes, out string? failure)
    {
        var bytes = new byte[size * size];
        Fill(index, bytes);
        failure = null;
        return bytes;
    }

    private static void Fill(int index, Span<byte> pixels)
    {
        for (var i = 0; i < pixels.Length; i++) pixels[i] = (byte)((index * 31 + i * 7) % 251);
    }

    public void Dispose() => Interlocked.Exchange(ref _disposed, 1);
}
