using System.Runtime.InteropServices;

namespace ActorSsl.Imaging.Augmentation;

/// <summary>
/// Separable Gaussian blur of a square planar float buffer with reflect padding (mirror without repeating
/// the edge, as torch 'reflect'; folded repeatedly when the kernel is wider than the image). The kernel is
/// torchvision's: samples of exp(−x²/2σ²) at integer offsets, normalised to sum 1, all <see cref="KernelSize"/>
/// taps (outer taps whose weight is exactly 0 in float are skipped: they add nothing). Each output is summed tap by
/// tap in kernel order (the SIMD accumulators stay in registers across the taps,
/// <see cref="TapConvolution"/>). Holds its scratch plane, padded row, kernel and reflect index table, so it is
/// not thread-safe.
/// </summary>
public sealed class GaussianBlur
{
    private readonly float[] _kernel;
    private readonly float[] _scratch;
    private readonly float[] _paddedRow;
    private readonly int[] _reflected; // padded position p -> source index of p - radius
    private readonly int[] _rowTaps; // tap k of the row pass reads the padded row at x + k
    private readonly int[] _columnTaps; // tap k of the column pass reads scratch row reflected[y + k]

    /// <summary>Prepares a blur of odd <paramref name="kernelSize"/> for <paramref name="size"/> × <paramref name="size"/> planes.</summary>
    public GaussianBlur(int size, int kernelSize)
    {
        if (size <= 0) throw new ArgumentOutOfRangeException(nameof(size), $"size {size} must be positive");
        if (kernelSize <= 0 || kernelSize % 2 == 0)
            throw new ArgumentOutOfRangeException(nameof(kernelSize), $"kernel size {kernelSize} must be a positive odd number");
        Size = size;
        KernelSize = kernelSize;
        _kernel = new float[kernelSize];
        _scratch = new float[size * size];
        var radius = kernelSize / 2;
        _reflected = new int[size + 2 * radius];
        _paddedRow = new float[size + 2 * radius];
        for (var p = 0; p < _reflected.Length; p++) _reflected[p] = Reflect(p - radius, size);
        _rowTaps = new int[kernelSize];
        for (var k = 0; k < kernelSize; k++) _rowTaps[k] = k;
        _columnTaps = new int[kernelSize];
    }

    /// <summary>Side of the square planes.</summary>
    public int Size { get; }

    /// <summary>Taps of the 1-D kernel.</summary>
    public int KernelSize { get; }

    /// <summary>Fills <paramref name="kernel"/> (odd length) with normalised Gaussian weights of <paramref name="sigma"/>.</summary>
    public static void ComputeKernel(double sigma, Span<float> kernel)
    {
        if (!(sigma > 0)) throw new ArgumentOutOfRangeException(nameof(sigma), $"sigma {sigma} must be positive");
        if (kernel.Length % 2 == 0) throw new ArgumentException($"kernel length {kernel.Length} must be odd", nameof(kernel));
        var radius = kernel.Length / 2;
        var sum = 0.0;
        Span<double> weights = stackalloc double[kernel.Length];
        for (var k = 0; k < kernel.Length; k++)
        {
            var x = (k - radius) / sigma;
            weights[k] = Math.Exp(-0.5 * x * x);
            sum += weights[k];
        }
        for (var k = 0; k < kernel.Length; k++) kernel[k] = (float)(weights[k] / sum);
    }

    /// <summary>
    /// Blurs every channel plane of <paramref name="chw"/> in place with standard deviation <paramref name="sigma"/>.
    /// A plane bit-for-bit equal to the one before it (a grayscale view) gets a copy of that plane's result.
    /// </summary>
    public void Apply(Span<float> chw, int channels, double sigma)
    {
        if (chw.Length != channels * Size * Size || channels <= 0)
            throw new ArgumentException($"buffer of {chw.Length} floats is not {channels}x{Size}x{Size}", nameof(chw));
        ComputeKernel(sigma, _kernel);
        if (KernelSize == 1) return;
        var zeroEnds = 0; // outer taps whose float weight underflowed to exactly 0 (|offset| > ~14.4 sigma) add nothing
        while (_kernel[zeroEnds] == 0f) zeroEnds++;
        var plane = Size * Size;
        var copyPrevious = false;
        for (var c = 0; c < channels; c++)
        {
            var current = chw.Slice(c * plane, plane);
            // Compared while both are still unblurred: equal inputs give equal outputs, so the next plane can copy.
            var nextIsEqual = c + 1 < channels && SameBits(current, chw.Slice((c + 1) * plane, plane));
            if (copyPrevious) chw.Slice((c - 1) * plane, plane).CopyTo(current);
            else BlurPlane(current, zeroEnds);
            copyPrevious = nextIsEqual;
        }
    }

    private static bool SameBits(ReadOnlySpan<float> a, ReadOnlySpan<float> b) =>
        MemoryMarshal.AsBytes(a).SequenceEqual(MemoryMarshal.AsBytes(b));

    /// <summary>Blurs one plane with the kernel minus <paramref name="zeroEnds"/> zero taps at each end.</summary>
    private void BlurPlane(Span<float> plane, int zeroEnds)
    {
        var size = Size;
        var radius = KernelSize / 2;
        var taps = KernelSize - 2 * zeroEnds;
        ReadOnlySpan<float> kernel = _kernel.AsSpan(zeroEnds, taps);
        ReadOnlySpan<int> rowTaps = _rowTaps.AsSpan(zeroEnds, taps);
        ReadOnlySpan<int> reflected = _reflected;
        Span<float> scratch = _scratch;
        Span<float> padded = _paddedRow;
        Span<int> columnTaps = _columnTaps.AsSpan(0, taps);

        // Rows: copy into a reflect-padded row; tap k of output x is padded[x + k] (k from zeroEnds).
        for (var y = 0; y < size; y++)
        {
            var row = plane.Slice(y * size, size);
            row.CopyTo(padded[radius..]);
            for (var p = 0; p < radius; p++)
            {
                padded[p] = row[reflected[p]];
                padded[radius + size + p] = row[reflected[radius + size + p]];
            }
            TapConvolution.Apply(padded, rowTaps, kernel, scratch.Slice(y * size, size));
        }

        // Columns: tap k of output row y is the whole scratch row reflected[y + k] (k from zeroEnds).
        for (var y = 0; y < size; y++)
        {
            for (var k = 0; k < taps; k++) columnTaps[k] = reflected[y + zeroEnds + k] * size;
            TapConvolution.Apply(scratch, columnTaps, kernel, plane.Slice(y * size, size));
        }
    }

    private static int Reflect(int index, int length)
    {
        if (length == 1) return 0;
        var period = 2 * (length - 1);
        var m = index % period;
        if (m < 0) m += period;
        return m < length ? m : period - m;
    }
}
