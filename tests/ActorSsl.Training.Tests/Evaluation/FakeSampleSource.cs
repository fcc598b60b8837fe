using ActorSsl.Data;
using ActorSsl.Imaging;

namespace ActorSsl.Training.Tests.Evaluation;

/// <summary>An in-memory labelled source: each sample is drawn by a function, some can be made to fail.</summary>
internal sealed class FakeSampleSource(int count, int channels, Func<int, (int Width, int Height)> size,
    Func<int, int, int, int, byte> pixel, Func<int, int> label, ISet<int>? broken = null, int classes = 3) : ISampleSource
{
    public string Name => "fake";
    public int Count => count;
    public int Channels => channels;
    public IReadOnlyList<string> ClassNames { get; } = Enumerable.Range(0, classes).Select(c => $"class{c}").ToArray();
    public int Label(int index) => label(index);
    public string Describe(int index) => $"fake#{index}";

    /// <summary>Pixel (x, y, c) of sample i is <c>pixel(i, x, y, c)</c>, stored HWC.</summary>
    public bool TryRead(int index, PixelImage target, out string? failure)
    {
        if (broken?.Contains(index) == true)
        {
            failure = "truncated";
            return false;
        }
        var (w, h) = size(index);
        var span = target.Reset(w, h, channels);
        for (var y = 0; y < h; y++)
            for (var x = 0; x < w; x++)
                for (var c = 0; c < channels; c++)
                    span[(y * w + x) * channels + c] = pixel(index, x, y, c);
        failure = null;
        return true;
    }

    public void Dispose() { }
}
