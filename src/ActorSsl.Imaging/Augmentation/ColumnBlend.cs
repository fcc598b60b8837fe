using System.Numerics;

namespace ActorSsl.Imaging.Augmentation;

/// <summary>
/// The horizontal step of resampling with SIMD and no gathers: outputs go in blocks of <see cref="Vector{T}.Count"/>;
/// a block reads a short run of consecutive source pixels, and each pixel of the run is broadcast and multiplied by a
/// vector holding its weight for every output of the block (zero outside that output's taps). The run is summed in
/// order from zero, so every output gets exactly the float sum of its own taps in tap order (the zero products add
/// +0). Outputs after the last whole block are summed one by one. Results are clamped to at most 1 and written to
/// planar channels. Buffers only grow; not thread-safe.
/// </summary>
internal sealed class ColumnBlend
{
    private float[] _weights = []; // block b, run position j, lane i at (b · _runStride + j) · Count + i
    private int[] _runStart = [];
    private int[] _runLength = [];
    private int _runStride;
    private int _blocks;
    private ResampleAxis? _axis;

    /// <summary>Lays out the taps of <paramref name="axis"/> (built for <paramref name="outputLength"/> outputs) by block.</summary>
    public void Build(ResampleAxis axis, int outputLength)
    {
        var width = Vector<float>.Count;
        _axis = axis;
        _blocks = outputLength / width;
        if (_runStart.Length < _blocks)
        {
            _runStart = new int[_blocks];
            _runLength = new int[_blocks];
        }
        _runStride = 0;
        for (var b = 0; b < _blocks; b++)
        {
            var start = axis.First(b * width);
            var end = start;
            for (var i = 0; i < width; i++) end = Math.Max(end, axis.First(b * width + i) + axis.Weights(b * width + i).Length);
            _runStart[b] = start;
            _runLength[b] = end - start;
            _runStride = Math.Max(_runStride, end - start);
        }
        var needed = _blocks * _runStride * width;
        if (_weights.Length < needed) _weights = new float[needed];
        var weights = _weights.AsSpan(0, needed);
        weights.Clear();
        for (var b = 0; b < _blocks; b++)
        for (var i = 0; i < width; i++)
        {
            var output = b * width + i;
            var taps = axis.Weights(output);
            var position = axis.First(output) - _runStart[b];
            for (var t = 0; t < taps.Length; t++) weights[((b * _runStride) + position + t) * width + i] = taps[t];
        }
    }

    /// <summary>
    /// Resamples one interleaved float row of <paramref name="channels"/> (1 or 3) into output row
    /// <paramref name="offset"/> / size of each plane of <paramref name="destination"/> (planes <paramref name="plane"/> apart).
    /// </summary>
    public void Apply(ReadOnlySpan<float> row, int channels, Span<float> destination, int offset, int plane, int outputLength)
    {
        var axis = _axis ?? throw new InvalidOperationException("Build must run before Apply");
        var width = Vector<float>.Count;
        ReadOnlySpan<float> weights = _weights;
        var one = Vector<float>.One;
        for (var b = 0; b < _blocks; b++)
        {
            var run = row.Slice(_runStart[b] * channels, _runLength[b] * channels);
            var blockWeights = weights.Slice(b * _runStride * width, _runLength[b] * width);
            var at = offset + b * width;
            if (channels == 1)
            {
                var sum = Vector<float>.Zero;
                for (var j = 0; j < run.Length; j++) sum += new Vector<float>(blockWeights.Slice(j * width)) * new Vector<float>(run[j]);
                Vector.Min(sum, one).CopyTo(destination.Slice(at));
                continue;
            }
            Vector<float> red = Vector<float>.Zero, green = Vector<float>.Zero, blue = Vector<float>.Zero;
            for (var j = 0; j < _runLength[b]; j++)
            {
                var w = new Vector<float>(blockWeights.Slice(j * width));
                red += w * new Vector<float>(run[3 * j]);
                green += w * new Vector<float>(run[3 * j + 1]);
                blue += w * new Vector<float>(run[3 * j + 2]);
            }
            Vector.Min(red, one).CopyTo(destination.Slice(at));
            Vector.Min(green, one).CopyTo(destination.Slice(plane + at));
            Vector.Min(blue, one).CopyTo(destination.Slice(2 * plane + at));
        }

        for (var x = _blocks * width; x < outputLength; x++)
        {
            var taps = axis.Weights(x);
            var first = axis.First(x) * channels;
            for (var c = 0; c < channels; c++)
            {
                var sum = taps[0] * row[first + c];
                for (var t = 1; t < taps.Length; t++) sum += taps[t] * row[first + t * channels + c];
                destination[c * plane + offset + x] = Math.Min(sum, 1f);
            }
        }
    }
}
