namespace ActorSsl.Imaging.Augmentation;

/// <summary>
/// Colour jitter with torchvision semantics on a planar float [0, 1] buffer: brightness scales values,
/// contrast blends towards the mean luma of the whole image, saturation blends towards per-pixel luma,
/// hue rotates in HSV; components run in a random order and each result is clamped to [0, 1].
/// On 1-channel buffers saturation and hue are no-ops (contrast blends towards the plain mean).
/// The Adjust* methods are the one-component-per-pass reference; <see cref="Apply"/> chains them per pixel.
/// </summary>
public static class ColorJitter
{
    /// <summary>Draws parameters with the strengths of <paramref name="recipe"/>.</summary>
    public static JitterParameters Sample(ref ViewRandom rng, ViewRecipe recipe)
    {
        ArgumentNullException.ThrowIfNull(recipe);
        return Sample(ref rng, recipe.Brightness, recipe.Contrast, recipe.Saturation, recipe.Hue);
    }

    /// <summary>
    /// Draws a random order (Fisher–Yates), then each enabled factor uniformly in [max(0, 1 − x), 1 + x] and
    /// the hue shift uniformly in [−h, h]; a strength of 0 leaves its component at identity and draws nothing.
    /// </summary>
    public static JitterParameters Sample(ref ViewRandom rng, double brightness, double contrast, double saturation, double hue)
    {
        Span<JitterOp> order = [JitterOp.Brightness, JitterOp.Contrast, JitterOp.Saturation, JitterOp.Hue];
        for (var i = order.Length - 1; i > 0; i--)
        {
            var j = rng.NextInt(i + 1);
            (order[i], order[j]) = (order[j], order[i]);
        }
        var b = brightness > 0 ? (float)rng.Uniform(Math.Max(0, 1 - brightness), 1 + brightness) : 1f;
        var c = contrast > 0 ? (float)rng.Uniform(Math.Max(0, 1 - contrast), 1 + contrast) : 1f;
        var s = saturation > 0 ? (float)rng.Uniform(Math.Max(0, 1 - saturation), 1 + saturation) : 1f;
        var h = hue > 0 ? (float)rng.Uniform(-hue, hue) : 0f;
        return new JitterParameters(b, c, s, h).WithOrder(order[0], order[1], order[2], order[3]);
    }

    /// <summary>
    /// Applies the four components in the parameters' order, skipping those at identity, in at most two sweeps
    /// (<see cref="FusedJitter"/>); the result equals running the Adjust* methods below one after the other.
    /// </summary>
    public static void Apply(Span<float> chw, int channels, in JitterParameters parameters) =>
        FusedJitter.Apply(chw, channels, parameters);

    /// <summary>value × factor, clamped.</summary>
    public static void AdjustBrightness(Span<float> chw, float factor)
    {
        for (var i = 0; i < chw.Length; i++) chw[i] = UnitFloat.Clamp01(chw[i] * factor);
    }

    /// <summary>
    /// factor × value + (1 − factor) × mean luma of the image, clamped. The lumas are summed in double by
    /// <see cref="FourWaySum"/>'s fixed rule, so the SIMD path in <see cref="Apply"/> gets the same mean.
    /// </summary>
    public static void AdjustContrast(Span<float> chw, int channels, float factor)
    {
        var plane = UnitFloat.PlaneLength(chw, channels);
        var sum = new FourWaySum();
        if (channels == 1)
        {
            for (var i = 0; i < plane; i++) sum.Add(i, chw[i]);
        }
        else
        {
            for (var i = 0; i < plane; i++) sum.Add(i, RandomGrayscale.Luma(chw[i], chw[plane + i], chw[2 * plane + i]));
        }
        var offset = (1f - factor) * (float)(sum.Total / plane);
        for (var i = 0; i < chw.Length; i++) chw[i] = UnitFloat.Clamp01(factor * chw[i] + offset);
    }

    /// <summary>factor × value + (1 − factor) × pixel luma, clamped; no-op on 1 channel.</summary>
    public static void AdjustSaturation(Span<float> chw, int channels, float factor)
    {
        var plane = UnitFloat.PlaneLength(chw, channels);
        if (channels == 1) return;
        var red = chw[..plane];
        var green = chw.Slice(plane, plane);
        var blue = chw.Slice(2 * plane, plane);
        var keep = 1f - factor;
        for (var i = 0; i < plane; i++)
        {
            var gray = keep * RandomGrayscale.Luma(red[i], green[i], blue[i]);
            red[i] = UnitFloat.Clamp01(factor * red[i] + gray);
            green[i] = UnitFloat.Clamp01(factor * green[i] + gray);
            blue[i] = UnitFloat.Clamp01(factor * blue[i] + gray);
        }
    }

    /// <summary>Rotates hue by <paramref name="shift"/> turns (HSV, wrapping); no-op on 1 channel.</summary>
    public static void AdjustHue(Span<float> chw, int channels, float shift)
    {
        var plane = UnitFloat.PlaneLength(chw, channels);
        if (channels == 1) return;
        var red = chw[..plane];
        var green = chw.Slice(plane, plane);
        var blue = chw.Slice(2 * plane, plane);
        for (var i = 0; i < plane; i++)
        {
            Hsv.FromRgb(red[i], green[i], blue[i], out var h, out var s, out var v);
            h += shift;
            h -= MathF.Floor(h);
            Hsv.ToRgb(h, s, v, out red[i], out green[i], out blue[i]);
        }
    }
}
