namespace ActorSsl.Imaging.Augmentation;

/// <summary>RGB ↔ HSV in float [0, 1] with torchvision's formulas (hue in turns), used by the hue jitter.</summary>
internal static class Hsv
{
    public static void FromRgb(float r, float g, float b, out float h, out float s, out float v)
    {
        var max = Math.Max(r, Math.Max(g, b));
        var min = Math.Min(r, Math.Min(g, b));
        v = max;
        if (max == min)
        {
            h = 0f;
            s = 0f;
            return;
        }
        var chroma = max - min;
        s = chroma / max;
        var rc = (max - r) / chroma;
        var gc = (max - g) / chroma;
        var bc = (max - b) / chroma;
        float sixths;
        if (max == r) sixths = bc - gc;
        else if (max == g) sixths = 2f + rc - bc;
        else sixths = 4f + gc - rc;
        h = sixths / 6f + 1f;
        h -= MathF.Floor(h);
    }

    public static void ToRgb(float h, float s, float v, out float r, out float g, out float b)
    {
        var scaled = h * 6f;
        var sector = MathF.Floor(scaled);
        var f = scaled - sector;
        var i = (int)sector % 6;
        if (i < 0) i += 6;
        var p = UnitFloat.Clamp01(v * (1f - s));
        var q = UnitFloat.Clamp01(v * (1f - s * f));
        var t = UnitFloat.Clamp01(v * (1f - s * (1f - f)));
        switch (i)
        {
            case 0: r = v; g = t; b = p; break;
            case 1: r = q; g = v; b = p; break;
            case 2: r = p; g = v; b = t; break;
            case 3: r = p; g = q; b = v; break;
            case 4: r = t; g = p; b = v; break;
            default: r = v; g = p; b = q; break;
        }
    }
}
