using System.Globalization;

namespace ActorSsl.Imaging.Augmentation;

/// <summary>
/// Every parameter of one augmented view; the defaults are the MoCo v2 recipe (SimCLR views plus blur).
/// Immutable and format-free: configuration code maps its keys onto these properties and calls
/// <see cref="Validate"/>. Probabilities are per view; a jitter strength of 0 turns that component off.
/// </summary>
public sealed record ViewRecipe
{
    /// <summary>Side S of the square output view in pixels (224 for ImageNet-like data, 28 for Fashion-MNIST).</summary>
    public int OutputSize { get; init; } = 224;

    /// <summary>Smallest crop area as a fraction of the source area, in (0, 1].</summary>
    public double CropScaleMin { get; init; } = 0.2;

    /// <summary>Largest crop area as a fraction of the source area, in (0, 1].</summary>
    public double CropScaleMax { get; init; } = 1.0;

    /// <summary>Smallest crop aspect ratio (width / height); ratios are drawn log-uniformly.</summary>
    public double CropRatioMin { get; init; } = 3.0 / 4.0;

    /// <summary>Largest crop aspect ratio (width / height).</summary>
    public double CropRatioMax { get; init; } = 4.0 / 3.0;

    /// <summary>Probability of a horizontal flip.</summary>
    public double FlipProbability { get; init; } = 0.5;

    /// <summary>Probability of applying colour jitter at all.</summary>
    public double JitterProbability { get; init; } = 0.8;

    /// <summary>Brightness strength x: factor uniform in [max(0, 1 - x), 1 + x]; 0 = off.</summary>
    public double Brightness { get; init; } = 0.4;

    /// <summary>Contrast strength x: factor uniform in [max(0, 1 - x), 1 + x]; 0 = off.</summary>
    public double Contrast { get; init; } = 0.4;

    /// <summary>Saturation strength x: factor uniform in [max(0, 1 - x), 1 + x]; 0 = off.</summary>
    public double Saturation { get; init; } = 0.4;

    /// <summary>Hue strength h in [0, 0.5]: shift (in turns) uniform in [-h, h]; 0 = off.</summary>
    public double Hue { get; init; } = 0.1;

    /// <summary>Probability of converting the view to grayscale (luma replicated to every channel).</summary>
    public double GrayscaleProbability { get; init; } = 0.2;

    /// <summary>Probability of a Gaussian blur.</summary>
    public double BlurProbability { get; init; } = 0.5;

    /// <summary>Smallest blur sigma in pixels of the output view; sigma is drawn uniformly.</summary>
    public double BlurSigmaMin { get; init; } = 0.1;

    /// <summary>Largest blur sigma in pixels of the output view.</summary>
    public double BlurSigmaMax { get; init; } = 2.0;

    /// <summary>
    /// Blur kernel size as a fraction of <see cref="OutputSize"/>; see <see cref="BlurKernelSize"/> for the rounding.
    /// </summary>
    public double BlurKernelFraction { get; init; } = 0.1;

    /// <summary>Probability of solarizing (0 for MoCo v2; BYOL uses it on one of its two views).</summary>
    public double SolarizeProbability { get; init; } = 0.0;

    /// <summary>Solarize threshold in [0, 1]: values at or above it are inverted.</summary>
    public double SolarizeThreshold { get; init; } = 0.5;

    /// <summary>
    /// Odd blur kernel size, as SimCLR: k = ⌊S·fraction⌋, then 2·⌊k/2⌋+1. Gives 23 at S = 224 and 3 at S = 28 or 32;
    /// 1 (a no-op blur) when S·fraction is below 2.
    /// </summary>
    public int BlurKernelSize
    {
        get
        {
            var k = (int)Math.Floor(OutputSize * BlurKernelFraction);
            return k / 2 * 2 + 1;
        }
    }

    /// <summary>Throws <see cref="ArgumentException"/> naming the first parameter that is out of range.</summary>
    public void Validate()
    {
        if (OutputSize is < 1 or > 4096) Fail(nameof(OutputSize), $"output size {OutputSize} must be in [1, 4096]");
        if (!(CropScaleMin > 0 && CropScaleMin <= 1)) Fail(nameof(CropScaleMin), $"crop scale min {CropScaleMin} must be in (0, 1]");
        if (!(CropScaleMax > 0 && CropScaleMax <= 1)) Fail(nameof(CropScaleMax), $"crop scale max {CropScaleMax} must be in (0, 1]");
        if (CropScaleMin > CropScaleMax)
            Fail(nameof(CropScaleMin), $"crop scale min {CropScaleMin} must not exceed crop scale max {CropScaleMax}");
        if (!IsPositiveFinite(CropRatioMin)) Fail(nameof(CropRatioMin), $"crop ratio min {CropRatioMin} must be positive and finite");
        if (!IsPositiveFinite(CropRatioMax)) Fail(nameof(CropRatioMax), $"crop ratio max {CropRatioMax} must be positive and finite");
        if (CropRatioMin > CropRatioMax)
            Fail(nameof(CropRatioMin), $"crop ratio min {CropRatioMin} must not exceed crop ratio max {CropRatioMax}");
        CheckProbability(FlipProbability, nameof(FlipProbability), "flip probability");
        CheckProbability(JitterProbability, nameof(JitterProbability), "jitter probability");
        CheckStrength(Brightness, nameof(Brightness), "brightness");
        CheckStrength(Contrast, nameof(Contrast), "contrast");
        CheckStrength(Saturation, nameof(Saturation), "saturation");
        if (!(Hue >= 0 && Hue <= 0.5)) Fail(nameof(Hue), $"hue {Hue} must be in [0, 0.5]");
        CheckProbability(GrayscaleProbability, nameof(GrayscaleProbability), "grayscale probability");
        CheckProbability(BlurProbability, nameof(BlurProbability), "blur probability");
        if (!IsPositiveFinite(BlurSigmaMin)) Fail(nameof(BlurSigmaMin), $"blur sigma min {BlurSigmaMin} must be positive and finite");
        if (!IsPositiveFinite(BlurSigmaMax)) Fail(nameof(BlurSigmaMax), $"blur sigma max {BlurSigmaMax} must be positive and finite");
        if (BlurSigmaMin > BlurSigmaMax)
            Fail(nameof(BlurSigmaMin), $"blur sigma min {BlurSigmaMin} must not exceed blur sigma max {BlurSigmaMax}");
        if (!(BlurKernelFraction >= 0 && BlurKernelFraction <= 1))
            Fail(nameof(BlurKernelFraction), $"blur kernel fraction {BlurKernelFraction} must be in [0, 1]");
        CheckProbability(SolarizeProbability, nameof(SolarizeProbability), "solarize probability");
        if (!(SolarizeThreshold >= 0 && SolarizeThreshold <= 1))
            Fail(nameof(SolarizeThreshold), $"solarize threshold {SolarizeThreshold} must be in [0, 1]");
    }

    private static bool IsPositiveFinite(double value) => value > 0 && double.IsFinite(value);

    private static void CheckProbability(double value, string parameter, string label)
    {
        if (!(value >= 0 && value <= 1)) Fail(parameter, $"{label} {value} must be in [0, 1]");
    }

    private static void CheckStrength(double value, string parameter, string label)
    {
        if (!(value >= 0 && double.IsFinite(value))) Fail(parameter, $"{label} {value} must be non-negative and finite");
    }

    private static void Fail(string parameter, FormattableString message) =>
        throw new ArgumentException(message.ToString(CultureInfo.InvariantCulture), parameter);
}
