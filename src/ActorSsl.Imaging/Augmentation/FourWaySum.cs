using System.Numerics;
using System.Runtime.Intrinsics;

namespace ActorSsl.Imaging.Augmentation;

/// <summary>
/// A sum of many floats in double with one fixed order for scalar and SIMD code on every vector width: value i goes
/// into partial sum i mod 4 (each partial in index order), and the total is ((p0 + p1) + p2) + p3. Four independent
/// chains instead of one, so a SIMD sweep is not held up by the latency of one long chain of additions; the result
/// depends only on the values, never on the hardware.
/// </summary>
internal struct FourWaySum
{
    private Vector256<double> _partials; // lane k is partial sum k

    /// <summary>Adds the value with index <paramref name="index"/>.</summary>
    public void Add(int index, float value)
    {
        var lane = index & 3;
        _partials = _partials.WithElement(lane, _partials.GetElement(lane) + value);
    }

    /// <summary>Adds the first <paramref name="count"/> lanes of <paramref name="values"/>, whose first index is a multiple of 4.</summary>
    public void Add(Vector<float> values, int count)
    {
        if (Vector<float>.Count == 8 && count == 8)
        {
            // Indices 0..3 of the vector go to partials 0..3, then indices 4..7 to partials 0..3.
            var wide = values.AsVector256();
            _partials += Vector256.WidenLower(wide);
            _partials += Vector256.WidenUpper(wide);
            return;
        }
        for (var k = 0; k < count; k++) Add(k, values[k]);
    }

    /// <summary>((p0 + p1) + p2) + p3.</summary>
    public readonly double Total => _partials.GetElement(0) + _partials.GetElement(1) + _partials.GetElement(2) + _partials.GetElement(3);
}
