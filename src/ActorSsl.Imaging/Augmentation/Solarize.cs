namespace ActorSsl.Imaging.Augmentation;

/// <summary>Solarization (BYOL): every value at or above the threshold is inverted to 1 − value, as torchvision.</summary>
public static class Solarize
{
    /// <summary>Solarizes the float [0, 1] buffer in place.</summary>
    public static void Apply(Span<float> values, float threshold = 0.5f)
    {
        for (var i = 0; i < values.Length; i++)
        {
            if (values[i] >= threshold) values[i] = 1f - values[i];
        }
    }
}
