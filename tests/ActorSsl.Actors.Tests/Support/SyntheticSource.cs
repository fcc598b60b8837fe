using ActorSsl.Data;
using ActorSsl.Data.Shipping;
using ActorSsl.Imaging;

namespace ActorSsl.Actors.Tests.Support;

/// <summary>
/// An in-memory dataset whose pixels are a function of the sample index, with optional unreadable
/// samples, so specs can check exactly what reached each batch. Gray sources can also ship their samples as raw
/// bytes (bytes transport to augment nodes).
/// </summary>
public sealed class SyntheticSource(int count, int size = 12, int channels = 1, IReadOnlySet<int>? broken = null) : ISampleSource, IEncodedSamples
{
    private int _reads;

    public string Name => "synthetic";
    public int Count => count;
    public int Channels => channels;
    public IReadOnlyList<string> ClassNames => Array.Empty<string>();
    public int Reads => Volatile.Read(ref _reads);
    public int Label(int index) => -1;
    public string Describe(int index) => $"synthetic#{index}";

    public bool TryRead(int index, PixelImage target, out string? failure)
    {
        Interlocked.Increment(ref _reads);
        if (broken?.Contains(index) == true)
        {
            failure = "synthetic corruption";
            return false;
        }
        var pixels = target.Reset(size, size, channels);
        for (var i = 0; i < pixels.Length; i++) pixels[i] = (byte)((index * 31 + i * 7) % 251);
        failure = null;
        return true;
    }

    public PayloadFormat PayloadFormat => channels == 1 ? PayloadFormat.RawGray(size, size) : throw new NotSupportedException("only gray synthetic samples ship as raw bytes");

    public byte[]? TryReadEncoded(int index, int maxBytes, out string? failure)
    {
        if (broken?.Contains(index) == true)
        {
            failure = "synthetic corruption";
            return null;
        }
        var image = new PixelImage();
        TryRead(index, image, out failure);
        return image.Pixels.ToArray();
    }

    public void Dispose() { }
}
