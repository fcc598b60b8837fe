using ActorSsl.Imaging.Augmentation;

namespace ActorSsl.Imaging.Tests.Augmentation;

public class ViewRecipeTests
{
    [Fact]
    public void DefaultsAreMocoV2AndValid()
    {
        var recipe = new ViewRecipe();
        recipe.Validate();
        Assert.Equal(224, recipe.OutputSize);
        Assert.Equal((0.2, 1.0, 0.75, 4.0 / 3), (recipe.CropScaleMin, recipe.CropScaleMax, recipe.CropRatioMin, recipe.CropRatioMax));
        Assert.Equal((0.5, 0.8, 0.2, 0.5, 0.0), (recipe.FlipProbability, recipe.JitterProbability, recipe.GrayscaleProbability, recipe.BlurProbability, recipe.SolarizeProbability));
        Assert.Equal((0.4, 0.4, 0.4, 0.1), (recipe.Brightness, recipe.Contrast, recipe.Saturation, recipe.Hue));
        Assert.Equal((0.1, 2.0), (recipe.BlurSigmaMin, recipe.BlurSigmaMax));
    }

    public static TheoryData<ViewRecipe, string, string> BadRecipes => new()
    {
        { new ViewRecipe { OutputSize = 0 }, nameof(ViewRecipe.OutputSize), "output size 0 must be in [1, 4096]" },
        { new ViewRecipe { CropScaleMin = 1.5 }, nameof(ViewRecipe.CropScaleMin), "crop scale min 1.5 must be in (0, 1]" },
        { new ViewRecipe { CropScaleMin = 0 }, nameof(ViewRecipe.CropScaleMin), "crop scale min 0 must be in (0, 1]" },
        { new ViewRecipe { CropScaleMin = double.NaN }, nameof(ViewRecipe.CropScaleMin), "crop scale min NaN must be in (0, 1]" },
        { new ViewRecipe { CropScaleMax = 1.01 }, nameof(ViewRecipe.CropScaleMax), "crop scale max 1.01 must be in (0, 1]" },
        { new ViewRecipe { CropScaleMin = 0.8, CropScaleMax = 0.5 }, nameof(ViewRecipe.CropScaleMin), "crop scale min 0.8 must not exceed crop scale max 0.5" },
        { new ViewRecipe { CropRatioMin = 0 }, nameof(ViewRecipe.CropRatioMin), "crop ratio min 0 must be positive and finite" },
        { new ViewRecipe { CropRatioMax = double.PositiveInfinity }, nameof(ViewRecipe.CropRatioMax), "crop ratio max Infinity must be positive and finite" },
        { new ViewRecipe { CropRatioMin = 2, CropRatioMax = 1 }, nameof(ViewRecipe.CropRatioMin), "crop ratio min 2 must not exceed crop ratio max 1" },
        { new ViewRecipe { FlipProbability = 1.5 }, nameof(ViewRecipe.FlipProbability), "flip probability 1.5 must be in [0, 1]" },
        { new ViewRecipe { JitterProbability = -0.1 }, nameof(ViewRecipe.JitterProbability), "jitter probability -0.1 must be in [0, 1]" },
        { new ViewRecipe { Brightness = -1 }, nameof(ViewRecipe.Brightness), "brightness -1 must be non-negative and finite" },
        { new ViewRecipe { Contrast = double.NaN }, nameof(ViewRecipe.Contrast), "contrast NaN must be non-negative and finite" },
        { new ViewRecipe { Saturation = -0.5 }, nameof(ViewRecipe.Saturation), "saturation -0.5 must be non-negative and finite" },
        { new ViewRecipe { Hue = 0.6 }, nameof(ViewRecipe.Hue), "hue 0.6 must be in [0, 0.5]" },
        { new ViewRecipe { GrayscaleProbability = 2 }, nameof(ViewRecipe.GrayscaleProbability), "grayscale probability 2 must be in [0, 1]" },
        { new ViewRecipe { BlurProbability = 1.1 }, nameof(ViewRecipe.BlurProbability), "blur probability 1.1 must be in [0, 1]" },
        { new ViewRecipe { BlurSigmaMin = 0 }, nameof(ViewRecipe.BlurSigmaMin), "blur sigma min 0 must be positive and finite" },
        { new ViewRecipe { BlurSigmaMin = 3 }, nameof(ViewRecipe.BlurSigmaMin), "blur sigma min 3 must not exceed blur sigma max 2" },
        { new ViewRecipe { BlurKernelFraction = 1.5 }, nameof(ViewRecipe.BlurKernelFraction), "blur kernel fraction 1.5 must be in [0, 1]" },
        { new ViewRecipe { SolarizeProbability = -1 }, nameof(ViewRecipe.SolarizeProbability), "solarize probability -1 must be in [0, 1]" },
        { new ViewRecipe { SolarizeThreshold = 2 }, nameof(ViewRecipe.SolarizeThreshold), "solarize threshold 2 must be in [0, 1]" },
    };

    [Theory]
    [MemberData(nameof(BadRecipes))]
    public void ValidateNamesTheBadParameter(ViewRecipe recipe, string parameter, string message)
    {
        var error = Assert.Throws<ArgumentException>(recipe.Validate);
        Assert.Equal(parameter, error.ParamName);
        Assert.StartsWith(message, error.Message);
    }

    [Fact]
    public void FashionMnistSizedRecipeIsValid()
    {
        var recipe = new ViewRecipe { OutputSize = 28, CropScaleMin = 0.08, SolarizeProbability = 0.2, Hue = 0 };
        recipe.Validate();
        Assert.Equal(3, recipe.BlurKernelSize);
    }
}
