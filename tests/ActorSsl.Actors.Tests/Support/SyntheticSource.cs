using ActorSsl.Data;
using ActorSsl.Imaging;

namespace ActorSsl.Actors.Tests.Support;

/// <summary>
/// An in-memory dataset whose pixels are a function of the sample index, with optional unreadable
/// samples, so specs can check exactly what reached each batch.
/// </summary>
public sealed class SyntheticSource(int count, int size = 12, int channels = 1, IReadOnlySet<int>? broken = null) : ISampleSource
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

    public void Dispose() { }
}
