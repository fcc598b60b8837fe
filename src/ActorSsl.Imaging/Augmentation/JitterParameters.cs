namespace ActorSsl.Imaging.Augmentation;

/// <summary>
/// One draw of colour-jitter parameters: three blend factors (1 = unchanged), a hue shift in turns
/// (0 = unchanged) and the order of the four components. Drawn by <see cref="ColorJitter.Sample(ref ViewRandom, ViewRecipe)"/>
/// and applied by <see cref="ColorJitter.Apply"/>. Stored relative to identity so <c>default</c> is the identity.
/// </summary>
public readonly struct JitterParameters
{
    private readonly float _brightness, _contrast, _saturation; // factor - 1
    private readonly byte _order; // 2 bits per position, XOR position, so 0 is Brightness, Contrast, Saturation, Hue

    /// <summary>Parameters applied in the order brightness, contrast, saturation, hue.</summary>
    public JitterParameters(float brightnessFactor, float contrastFactor, float saturationFactor, float hueShift)
    {
        _brightness = brightnessFactor - 1f;
        _contrast = contrastFactor - 1f;
        _saturation = saturationFactor - 1f;
        HueShift = hueShift;
    }

    private JitterParameters(in JitterParameters other, byte order)
    {
        this = other;
        _order = order;
    }

    /// <summary>No change.</summary>
    public static JitterParameters Identity => default;

    /// <summary>Multiplier of every value.</summary>
    public float BrightnessFactor => _brightness + 1f;

    /// <summary>Blend factor towards the image's mean luma (0 = flat grey).</summary>
    public float ContrastFactor => _contrast + 1f;

    /// <summary>Blend factor towards per-pixel luma (0 = grayscale).</summary>
    public float SaturationFactor => _saturation + 1f;

    /// <summary>Hue rotation in turns, in [-0.5, 0.5].</summary>
    public float HueShift { get; }

    /// <summary>The component applied at <paramref name="position"/> (0..3).</summary>
    public JitterOp OpAt(int position)
    {
        if ((uint)position > 3) throw new ArgumentOutOfRangeException(nameof(position), $"position {position} must be in [0, 3]");
        return (JitterOp)(((_order >> (2 * position)) & 3) ^ position);
    }

    /// <summary>A copy applying the components in the given order, which must be a permutation of all four.</summary>
    public JitterParameters WithOrder(JitterOp first, JitterOp second, JitterOp third, JitterOp fourth)
    {
        ReadOnlySpan<JitterOp> ops = [first, second, third, fourth];
        var seen = 0;
        byte order = 0;
        for (var position = 0; position < 4; position++)
        {
            var op = (int)ops[position];
            if ((uint)op > 3 || (seen & (1 << op)) != 0)
                throw new ArgumentException($"jitter order {first}, {second}, {third}, {fourth} is not a permutation of the four components");
            seen |= 1 << op;
            order |= (byte)((op ^ position) << (2 * position));
        }
        return new JitterParameters(this, order);
    }
}
