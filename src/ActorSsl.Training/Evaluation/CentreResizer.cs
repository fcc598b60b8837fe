using ActorSsl.Imaging;
using TorchSharp;
using static TorchSharp.torch;

namespace ActorSsl.Training.Evaluation;

/// <summary>
/// The deterministic evaluation view of an image whose size differs from the model's: resize so the shorter side is
/// <c>size</c> (bilinear, antialiased when shrinking) and crop the centre square, written as uint8 CHW.
/// </summary>
/// <remarks>Holds its rounding bounds as cached <see cref="Scalar"/>s so resizing thousands of images allocates no
/// GC-only native objects; one dispose scope per image.</remarks>
internal sealed class CentreResizer(int size) : IDisposable
{
    private readonly Scalar _zero = 0.ToScalar();
    private readonly Scalar _max = 255.ToScalar();

    public void Resize(PixelImage image, Span<byte> chw)
    {
        var (w, h, c) = (image.Width, image.Height, image.Channels);
        var expected = c * size * size;
        if (chw.Length != expected)
            throw new ArgumentException($"target holds {chw.Length} bytes, a {c}×{size}×{size} view needs {expected}", nameof(chw));

        // Shorter side to `size`, keeping the aspect ratio; the longer side never drops below `size`.
        var (outH, outW) = h <= w
            ? (size, Math.Max(size, (int)Math.Round((double)w * size / h)))
            : (Math.Max(size, (int)Math.Round((double)h * size / w)), size);

        using var scope = NewDisposeScope();
        var hwc = tensor(image.Pixels.ToArray(), [h, w, c], ScalarType.Byte);
        var x = hwc.permute(2, 0, 1).unsqueeze(0).to_type(ScalarType.Float32);
        var resized = nn.functional.interpolate(x, [outH, outW], mode: InterpolationMode.Bilinear,
            align_corners: false, antialias: outH < h || outW < w);
        var top = (outH - size) / 2;
        var left = (outW - size) / 2;
        var crop = resized.squeeze(0).narrow(1, top, size).narrow(2, left, size);
        var bytes = crop.round().clamp_(_zero, _max).to_type(ScalarType.Byte).contiguous();
        bytes.bytes.CopyTo(chw);
    }

    public void Dispose()
    {
        _zero.Dispose();
        _max.Dispose();
    }
}
