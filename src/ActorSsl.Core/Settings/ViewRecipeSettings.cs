using ActorSsl.Imaging.Augmentation;

namespace ActorSsl.Core.Settings;

/// <summary>
/// The view recipe keys of <c>actorssl.augment</c> (or of one of its <c>per-view</c> entries) mapped onto a
/// <see cref="ViewRecipe"/>. A recipe whose keys disagree with each other (sigma-min above sigma-max…) fails naming the
/// key at fault.
/// </summary>
public static class ViewRecipeSettings
{
    /// <summary>Recipe property → its key, for naming the key a cross-key check rejects.</summary>
    private static readonly Dictionary<string, string> Keys = new(StringComparer.Ordinal)
    {
        [nameof(ViewRecipe.OutputSize)] = "image-size",
        [nameof(ViewRecipe.CropScaleMin)] = "crop.scale-min",
        [nameof(ViewRecipe.CropScaleMax)] = "crop.scale-max",
        [nameof(ViewRecipe.CropRatioMin)] = "crop.ratio-min",
        [nameof(ViewRecipe.CropRatioMax)] = "crop.ratio-max",
        [nameof(ViewRecipe.FlipProbability)] = "flip-probability",
        [nameof(ViewRecipe.JitterProbability)] = "color-jitter.probability",
        [nameof(ViewRecipe.Brightness)] = "color-jitter.brightness",
        [nameof(ViewRecipe.Contrast)] = "color-jitter.contrast",
        [nameof(ViewRecipe.Saturation)] = "color-jitter.saturation",
        [nameof(ViewRecipe.Hue)] = "color-jitter.hue",
        [nameof(ViewRecipe.GrayscaleProbability)] = "grayscale-probability",
        [nameof(ViewRecipe.BlurProbability)] = "blur.probability",
        [nameof(ViewRecipe.BlurSigmaMin)] = "blur.sigma-min",
        [nameof(ViewRecipe.BlurSigmaMax)] = "blur.sigma-max",
        [nameof(ViewRecipe.BlurKernelFraction)] = "blur-kernel-fraction",
        [nameof(ViewRecipe.SolarizeProbability)] = "solarize-probability",
        [nameof(ViewRecipe.SolarizeThreshold)] = "solarize-threshold",
    };

    public static ViewRecipe Read(ConfigReader augment)
    {
        var crop = augment.Section("crop");
        var jitter = augment.Section("color-jitter");
        var blur = augment.Section("blur");
        var recipe = new ViewRecipe
        {
            OutputSize = augment.Int("image-size", 4, 4096),
            CropScaleMin = crop.Double("scale-min", 0, 1),
            CropScaleMax = crop.Double("scale-max", 0, 1),
            CropRatioMin = crop.Double("ratio-min", 0),
            CropRatioMax = crop.Double("ratio-max", 0),
            FlipProbability = augment.Double("flip-probability", 0, 1),
            JitterProbability = jitter.Double("probability", 0, 1),
            Brightness = jitter.Double("brightness", 0),
            Contrast = jitter.Double("contrast", 0),
            Saturation = jitter.Double("saturation", 0),
            Hue = jitter.Double("hue", 0, 0.5),
            GrayscaleProbability = augment.Double("grayscale-probability", 0, 1),
            BlurProbability = blur.Double("probability", 0, 1),
            BlurSigmaMin = blur.Double("sigma-min", 0),
            BlurSigmaMax = blur.Double("sigma-max", 0),
            BlurKernelFraction = augment.Double("blur-kernel-fraction", 0, 1),
            SolarizeProbability = augment.Double("solarize-probability", 0, 1),
            SolarizeThreshold = augment.Double("solarize-threshold", 0, 1),
        };
        try
        {
            recipe.Validate();
        }
        catch (ArgumentException e)
        {
            var key = e.ParamName != null && Keys.TryGetValue(e.ParamName, out var k) ? augment.Path(k) : augment.Path("…");
            throw new ActorSslConfigException($"{key} is not valid: {StripParameter(e)}.", e);
        }
        return recipe;
    }

    /// <summary>ArgumentException appends " (Parameter 'X')" to its message; the key named instead says more.</summary>
    private static string StripParameter(ArgumentException e)
    {
        var message = e.Message;
        var suffix = e.ParamName == null ? -1 : message.LastIndexOf(" (Parameter '", StringComparison.Ordinal);
        return suffix >= 0 ? message[..suffix] : message;
    }
}
