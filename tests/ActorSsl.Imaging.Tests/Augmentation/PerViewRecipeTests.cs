using ActorSsl.Imaging.Augmentation;

namespace ActorSsl.Imaging.Tests.Augmentation;

/// <summary>A pipeline with one recipe per view renders view i with recipe i (BYOL's asymmetric views).</summary>
public class PerViewRecipeTests
{
    // Whole-image crop, nothing random applied: the view is the source, whatever the draws.
    private static readonly ViewRecipe Identity = new()
    {
        OutputSize = 5, CropScaleMin = 1, CropScaleMax = 1, CropRatioMin = 1, CropRatioMax = 1,
        FlipProbability = 0, JitterProbability = 0, GrayscaleProbability = 0, BlurProbability = 0,
    };

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    public void SolarizeOnViewOneOnlySolarizesViewOneOnly(int channels)
    {
        var source = TestImages.Texture(5, 5, channels);
        var pipeline = new ViewPipeline([Identity, Identity with { SolarizeProbability = 1 }], channels);
        var view0 = new byte[pipeline.ViewBytes];
        var view1 = new byte[pipeline.ViewBytes];
        pipeline.Render(source, 7, 1, 3, 0, view0);
        pipeline.Render(source, 7, 1, 3, 1, view1);

        var chw = TestImages.ToChw(source);
        var solarized = chw.Select(b => (byte)(b >= 128 ? 255 - b : b)).ToArray();
        Assert.NotEqual(chw, solarized); // the texture has pixels on both sides of the threshold
        Assert.Equal(chw, view0);
        Assert.Equal(solarized, view1);
    }

    [Fact]
    public void SameTupleGivesSameBytesPerView()
    {
        var source = TestImages.Texture(40, 30, 3);
        ViewRecipe[] recipes = [new() { OutputSize = 16, BlurProbability = 1 }, new() { OutputSize = 16, BlurProbability = 0.1, SolarizeProbability = 0.2 }];
        var first = new ViewPipeline(recipes, 3);
        var second = new ViewPipeline(recipes, 3);
        var a = new byte[first.ViewBytes];
        var b = new byte[first.ViewBytes];
        for (var sample = 0; sample < 6; sample++)
        for (var view = 0; view < 2; view++)
        {
            first.Render(source, 5, 2, sample, view, a);
            second.Render(source, 5, 2, sample, 1 - view, b); // other view first: history must not matter
            second.Render(source, 5, 2, sample, view, b);
            Assert.Equal(a, b);
        }
    }

    [Fact]
    public void EachViewRendersAsAPipelineOfItsOwnRecipe()
    {
        // View 1 differs in every op that holds state built from the recipe: crop ranges and blur kernel size.
        var source = TestImages.Texture(60, 45, 3);
        var view0Recipe = new ViewRecipe { OutputSize = 24, BlurProbability = 0 };
        var view1Recipe = new ViewRecipe
        {
            OutputSize = 24, CropScaleMin = 0.05, CropScaleMax = 0.1, CropRatioMin = 0.5, CropRatioMax = 2,
            BlurProbability = 1, BlurKernelFraction = 0.5, SolarizeProbability = 0.5,
        };
        Assert.NotEqual(view0Recipe.BlurKernelSize, view1Recipe.BlurKernelSize);
        var perView = new ViewPipeline([view0Recipe, view1Recipe], 3);
        var alone0 = new ViewPipeline(view0Recipe, 3);
        var alone1 = new ViewPipeline(view1Recipe, 3);
        var expected = new byte[perView.ViewBytes];
        var actual = new byte[perView.ViewBytes];
        for (var sample = 0; sample < 8; sample++)
        {
            alone0.Render(source, 11, 0, sample, 0, expected);
            perView.Render(source, 11, 0, sample, 0, actual);
            Assert.Equal(expected, actual);
            alone1.Render(source, 11, 0, sample, 1, expected);
            perView.Render(source, 11, 0, sample, 1, actual);
            Assert.Equal(expected, actual);
            alone0.Render(source, 11, 0, sample, 1, actual);
            Assert.NotEqual(expected, actual); // view 1 really used its own recipe
        }
    }

    [Fact]
    public void RecipeForNamesEachViewsRecipe()
    {
        var solarizing = Identity with { SolarizeProbability = 1 };
        var perView = new ViewPipeline([Identity, solarizing], 1);
        Assert.Same(Identity, perView.RecipeFor(0));
        Assert.Same(solarizing, perView.RecipeFor(1));
        var shared = new ViewPipeline(Identity, 1);
        Assert.Same(Identity, shared.RecipeFor(5)); // one recipe serves every view
    }

    [Fact]
    public void RejectsViewsOfDifferentSizesAndViewsWithoutARecipe()
    {
        var e = Assert.Throws<ArgumentException>(() => new ViewPipeline([new ViewRecipe { OutputSize = 28 }, new ViewRecipe { OutputSize = 32 }], 1));
        Assert.Contains("view 1 has output size 32", e.Message);
        Assert.Throws<ArgumentException>(() => new ViewPipeline(Array.Empty<ViewRecipe>(), 1));
        Assert.Throws<ArgumentException>(() => new ViewPipeline([Identity, Identity with { BlurSigmaMin = 3, BlurSigmaMax = 2 }], 1));

        var pipeline = new ViewPipeline([Identity, Identity], 1);
        var source = TestImages.Texture(5, 5, 1);
        Assert.Throws<ArgumentOutOfRangeException>(() => pipeline.Render(source, 0, 0, 0, 2, new byte[pipeline.ViewBytes]));
        Assert.Throws<ArgumentOutOfRangeException>(() => pipeline.Render(source, 0, 0, 0, -1, new byte[pipeline.ViewBytes]));
    }

    [Fact]
    public void RenderingPerViewAllocatesNothingAfterWarmUp()
    {
        var source = TestImages.Texture(300, 200, 3);
        var pipeline = new ViewPipeline([new ViewRecipe { OutputSize = 64, BlurProbability = 1 },
            new ViewRecipe { OutputSize = 64, BlurProbability = 0.1, SolarizeProbability = 0.2, BlurKernelFraction = 0.2 }], 3);
        var view = new byte[pipeline.ViewBytes];
        for (var sample = 0; sample < 20; sample++) pipeline.Render(source, 1, 0, sample, sample % 2, view);
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var sample = 0; sample < 20; sample++) pipeline.Render(source, 1, 0, sample, sample % 2, view);
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }
}
