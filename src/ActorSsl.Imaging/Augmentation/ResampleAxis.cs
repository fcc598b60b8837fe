namespace ActorSsl.Imaging.Augmentation;

/// <summary>
/// Precomputed resampling taps for one axis: for every output index, a run of consecutive source indices
/// and their normalised weights. Enlarging (or same size) uses bilinear weights with pixel-centre alignment
/// (PyTorch align_corners=False, edge-clamped); shrinking uses area averaging (each output pixel is the exact
/// coverage-weighted mean of its source footprint, like OpenCV INTER_AREA), which anti-aliases large
/// downscales and equals bilinear at a factor of exactly 2. Buffers only grow.
/// </summary>
internal sealed class ResampleAxis
{
    private int[] _first = [];
    private int[] _count = [];
    private float[] _weights = [];
    private int _stride;

    /// <summary>Builds taps mapping <paramref name="sourceLength"/> pixels onto <paramref name="outputLength"/>.</summary>
    /// <param name="capacityHint">Largest source length expected (the full image side), so later crops do not reallocate.</param>
    public void Build(int sourceLength, int outputLength, int capacityHint)
    {
        var scale = (double)sourceLength / outputLength;
        _stride = MaxTaps(sourceLength, outputLength);
        EnsureCapacity(outputLength, Math.Max(_stride, MaxTaps(Math.Max(capacityHint, sourceLength), outputLength)));
        for (var i = 0; i < outputLength; i++)
        {
            var weights = _weights.AsSpan(i * _stride, _stride);
            if (scale <= 1) BuildBilinear(i, scale, sourceLength, weights);
            else BuildArea(i, scale, sourceLength, weights);
        }
    }

    /// <summary>Most taps any output of the last <see cref="Build"/> reads.</summary>
    public int Stride => _stride;

    /// <summary>First source index read by output <paramref name="i"/>.</summary>
    public int First(int i) => _first[i];

    /// <summary>Weights of output <paramref name="i"/>, one per source index from <see cref="First"/>.</summary>
    public ReadOnlySpan<float> Weights(int i) => _weights.AsSpan(i * _stride, _count[i]);

    private static int MaxTaps(int sourceLength, int outputLength) =>
        sourceLength <= outputLength ? 2 : (sourceLength + outputLength - 1) / outputLength + 2;

    private void EnsureCapacity(int outputLength, int stride)
    {
        if (_first.Length < outputLength)
        {
            _first = new int[outputLength];
            _count = new int[outputLength];
        }
        if (_weights.Length < outputLength * stride) _weights = new float[outputLength * stride];
    }

    private void BuildBilinear(int i, double scale, int sourceLength, Span<float> weights)
    {
        var source = Math.Max((i + 0.5) * scale - 0.5, 0.0);
        var x0 = (int)source;
        if (x0 >= sourceLength - 1)
        {
            _first[i] = sourceLength - 1;
            _count[i] = 1;
            weights[0] = 1f;
            return;
        }
        var lambda = (float)(source - x0);
        _first[i] = x0;
        _count[i] = 2;
        weights[0] = 1f - lambda;
        weights[1] = lambda;
    }

    private void BuildArea(int i, double scale, int sourceLength, Span<float> weights)
    {
        var lo = i * scale;
        var hi = Math.Min((i + 1) * scale, sourceLength);
        var first = (int)Math.Floor(lo);
        var last = Math.Min((int)Math.Ceiling(hi) - 1, sourceLength - 1);
        var sum = 0.0;
        for (var x = first; x <= last; x++)
        {
            var w = Math.Max(Math.Min(x + 1, hi) - Math.Max(x, lo), 0.0);
            weights[x - first] = (float)w;
            sum += w;
        }
        var inverse = (float)(1.0 / sum);
        for (var k = 0; k <= last - first; k++) weights[k] *= inverse;
        _first[i] = first;
        _count[i] = last - first + 1;
    }
}
