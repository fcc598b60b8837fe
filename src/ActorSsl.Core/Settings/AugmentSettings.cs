using ActorSsl.Imaging.Augmentation;

namespace ActorSsl.Core.Settings;

/// <summary><c>actorssl.augment</c>: worker count and the view recipe.</summary>
public sealed record AugmentSettings(int Workers, int Views, ViewRecipe Recipe)
{
    public int ImageSize => Recipe.OutputSize;

    public static AugmentSettings Create(ConfigReader augment)
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
            throw new ActorSslConfigException($"{augment.Path("")}… : {e.Message}", e);
        }
        return new AugmentSettings(augment.Int("workers", 0, 1024), augment.Int("views", 1, 16), recipe);
    }
}
