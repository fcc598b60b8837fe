using System.Numerics;
using System.Runtime.CompilerServices;

namespace ActorSsl.Imaging.Augmentation;

/// <summary>
/// The hue jitter on <see cref="Vector{T}.Count"/> pixels at once: RGB → HSV, hue + shift (wrapping), HSV → RGB,
/// lane for lane the same float operations as <see cref="Hsv.FromRgb"/>, the wrap in
/// <see cref="ColorJitter.AdjustHue"/> and <see cref="Hsv.ToRgb"/> (torchvision's tensor formulas); branches become
/// masks, so each lane gives the bits the scalar code gives.
/// </summary>
internal static class HueRotation
{
    /// <summary>Rotates the hue of the pixels (r, g, b) by <paramref name="shift"/> turns, in place.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Rotate(ref Vector<float> r, ref Vector<float> g, ref Vector<float> b, Vector<float> shift)
    {
        var one = Vector<float>.One;
        var six = new Vector<float>(6f);

        // Hsv.FromRgb: grey pixels (max == min) get h = s = 0; the others divide by chroma and max.
        var max = Vector.Max(r, Vector.Max(g, b));
        var min = Vector.Min(r, Vector.Min(g, b));
        var grey = Vector.Equals(max, min);
        var chroma = max - min;
        var saturation = Vector.ConditionalSelect(grey, Vector<float>.Zero, chroma / Vector.ConditionalSelect(grey, one, max));
        // The scalar code takes bc − gc (max is r), 2 + rc − bc (max is g) or 4 + gc − rc, with xc = (max − x) / chroma:
        // pick the two numerators per lane first, so only two of the three divisions run (same operands, same bits).
        var divisor = Vector.ConditionalSelect(grey, one, chroma);
        var isRed = Vector.Equals(max, r);
        var isGreen = Vector.Equals(max, g);
        var first = Vector.ConditionalSelect(isRed, max - b, Vector.ConditionalSelect(isGreen, max - r, max - g)) / divisor;
        var second = Vector.ConditionalSelect(isRed, max - g, Vector.ConditionalSelect(isGreen, max - b, max - r)) / divisor;
        var sixths = Vector.ConditionalSelect(isRed, first - second,
            Vector.ConditionalSelect(isGreen, new Vector<float>(2f) + first - second, new Vector<float>(4f) + first - second));
        var hue = sixths / six + one;
        hue -= Vector.Floor(hue);
        hue = Vector.ConditionalSelect(grey, Vector<float>.Zero, hue);

        // ColorJitter.AdjustHue: shift and wrap into [0, 1).
        hue += shift;
        hue -= Vector.Floor(hue);

        // Hsv.ToRgb with v = max; sector 6 (h·6 rounded up to 6) is sector 0, as (int)sector % 6.
        var scaled = hue * six;
        var sectorFloor = Vector.Floor(scaled);
        var f = scaled - sectorFloor;
        var sector = Vector.ConvertToInt32(sectorFloor);
        sector = Vector.ConditionalSelect(Vector.Equals(sector, new Vector<int>(6)), Vector<int>.Zero, sector);
        var v = max;
        var p = UnitFloat.Clamp01(v * (one - saturation));
        var q = UnitFloat.Clamp01(v * (one - saturation * f));
        var t = UnitFloat.Clamp01(v * (one - saturation * (one - f)));

        var s0 = Vector.Equals(sector, Vector<int>.Zero);
        var s1 = Vector.Equals(sector, Vector<int>.One);
        var s2 = Vector.Equals(sector, new Vector<int>(2));
        var s3 = Vector.Equals(sector, new Vector<int>(3));
        var s4 = Vector.Equals(sector, new Vector<int>(4));
        var s5 = Vector.Equals(sector, new Vector<int>(5));
        // Sector:  0  1  2  3  4  5
        // red      v  q  p  p  t  v
        // green    t  v  v  q  p  p
        // blue     p  p  t  v  v  q
        r = Vector.ConditionalSelect(s0 | s5, v, Vector.ConditionalSelect(s1, q, Vector.ConditionalSelect(s4, t, p)));
        g = Vector.ConditionalSelect(s0, t, Vector.ConditionalSelect(s1 | s2, v, Vector.ConditionalSelect(s3, q, p)));
        b = Vector.ConditionalSelect(s0 | s1, p, Vector.ConditionalSelect(s2, t, Vector.ConditionalSelect(s3 | s4, v, q)));
    }
}
