using ActorSsl.Imaging;
using ActorSsl.Imaging.Benchmarks;
using ActorSsl.Imaging.Decoding;

namespace ActorSsl.Benchmarks;

/// <summary>Sources of the benchmarks: the synthetic photo decoded by the safe decoder, as a worker would get it.</summary>
internal static class BenchmarkImages
{
    /// <summary>
    /// The source a view of <paramref name="size"/> px is cut from: a 28×28-like image of the view's size up to 64 px
    /// (Fashion-MNIST's case), else the 500×375 photo.
    /// </summary>
    public static PixelImage SourceFor(int size, int channels)
    {
        var small = size <= 64;
        var png = small ? SyntheticPhoto.Png(size, size) : SyntheticPhoto.Png();
        using var decoder = new SafeImageDecoder();
        var image = new PixelImage();
        if (!decoder.TryDecode(png, channels, image, out var failure)) throw new InvalidOperationException($"synthetic photo did not decode: {failure}");
        return image;
    }
}
