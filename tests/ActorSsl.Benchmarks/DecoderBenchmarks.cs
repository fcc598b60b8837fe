using ActorSsl.Imaging;
using ActorSsl.Imaging.Benchmarks;
using ActorSsl.Imaging.Decoding;
using BenchmarkDotNet.Attributes;

namespace ActorSsl.Benchmarks;

/// <summary>
/// The safe decoder (every check, single-threaded ImageSharp, bounded allocator, RGB output) on the 500×375 synthetic
/// photo held in memory: as a baseline JPEG of quality 90, and as an 8-bit PNG. Returns the bytes decoded.
/// </summary>
[MemoryDiagnoser]
public class DecoderBenchmarks : IBenchmarkOutput
{
    private const int Channels = 3;
    private readonly PixelImage _image = new();
    private byte[] _jpeg = [];
    private byte[] _png = [];
    private SafeImageDecoder _decoder = null!;

    public int OutputLength => SyntheticPhoto.DefaultWidth * SyntheticPhoto.DefaultHeight * Channels;

    [GlobalSetup]
    public void Setup()
    {
        _jpeg = SyntheticPhoto.Jpeg(quality: 90);
        _png = SyntheticPhoto.Png();
        _decoder = new SafeImageDecoder();
    }

    [GlobalCleanup]
    public void Cleanup() => _decoder.Dispose();

    [Benchmark]
    public int DecodeJpeg() => Decode(_jpeg);

    [Benchmark]
    public int DecodePng() => Decode(_png);

    private int Decode(byte[] encoded)
    {
        if (!_decoder.TryDecode(encoded, Channels, _image, out var failure)) throw new InvalidOperationException($"decode failed: {failure}");
        return _image.Pixels.Length;
    }
}
