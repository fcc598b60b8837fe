using ActorSsl.Imaging.Augmentation;

namespace ActorSsl.Imaging.Tests.Augmentation;

public class ViewPipelineTests
{
    private static readonly ViewRecipe Identity = new()
    {
        OutputSize = 5, CropScaleMin = 1, CropScaleMax = 1, CropRatioMin = 1, CropRatioMax = 1,
        FlipProbability = 0, JitterProbability = 0, GrayscaleProbability = 0, BlurProbability = 0,
    };

    public static TheoryData<int, int, int, int> Shapes => new()
    {
        { 3, 224, 500, 375 },
        { 1, 28, 28, 28 },
        { 3, 32, 32, 32 },
        { 1, 224, 375, 500 },
    };

    [Theory]
    [MemberData(nameof(Shapes))]
    public void SameTupleGivesIdenticalBytesAcrossInstances(int channels, int size, int width, int height)
    {
        var recipe = new ViewRecipe { OutputSize = size, SolarizeProbability = 0.5 };
        var source = TestImages.Texture(width, height, channels);
        var first = new ViewPipeline(recipe, channels);
        var second = new ViewPipeline(recipe, channels);
        var a = new byte[first.ViewBytes];
        var b = new byte[second.ViewBytes];
        var scratch = new byte[second.ViewBytes];
        for (var sample = 0; sample < 8; sample++)
        {
            first.Render(source, 99, 2, sample, 0, a);
            second.Render(source, 99, 5, sample + 1, 1, scratch); // different history must not matter
            second.Render(source, 99, 2, sample, 0, b);
            Assert.Equal(a, b);
        }
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void ChangingViewEpochSampleOrSeedChangesTheView(int channels, int size, int width, int height)
    {
        var pipeline = new ViewPipeline(new ViewRecipe { OutputSize = size }, channels);
        var source = TestImages.Texture(width, height, channels);
        byte[] Render(ulong seed, int epoch, long sample, int view)
        {
            var bytes = new byte[pipeline.ViewBytes];
            pipeline.Render(source, seed, epoch, sample, view, bytes);
            return bytes;
        }

        var reference = Render(1, 0, 0, 0);
        Assert.NotEqual(reference, Render(1, 0, 0, 1));
        Assert.NotEqual(reference, Render(1, 1, 0, 0));
        Assert.NotEqual(reference, Render(1, 0, 1, 0));
        Assert.NotEqual(reference, Render(2, 0, 0, 0));
        Assert.Equal(reference, Render(1, 0, 0, 0));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    public void IdentityRecipeReturnsSourceAsChw(int channels)
    {
        var source = TestImages.Texture(5, 5, channels);
        var pipeline = new ViewPipeline(Identity, channels);
        var view = new byte[pipeline.ViewBytes];
        pipeline.Render(source, 3, 0, 0, 0, view);
        Assert.Equal(TestImages.ToChw(source), view);
    }

    [Fact]
    public void FlipProbabilityOneMirrorsTheView()
    {
        var source = TestImages.Texture(5, 5, 3);
        var pipeline = new ViewPipeline(Identity with { FlipProbability = 1 }, 3);
        var view = new byte[pipeline.ViewBytes];
        pipeline.Render(source, 3, 0, 0, 0, view);
        var expected = TestImages.ToChw(source);
        for (var row = 0; row < 15; row++) Array.Reverse(expected, row * 5, 5);
        Assert.Equal(expected, view);
    }

    [Fact]
    public void GrayscaleProbabilityOneMakesChannelsEqual()
    {
        var source = TestImages.Texture(40, 30, 3);
        var pipeline = new ViewPipeline(new ViewRecipe { OutputSize = 16, GrayscaleProbability = 1 }, 3);
        var view = new byte[pipeline.ViewBytes];
        pipeline.Render(source, 3, 0, 7, 0, view);
        Assert.Equal(view.AsSpan(0, 256).ToArray(), view.AsSpan(256, 256).ToArray());
        Assert.Equal(view.AsSpan(0, 256).ToArray(), view.AsSpan(512, 256).ToArray());
    }

    [Fact]
    public void RenderingAllocatesNothingAfterWarmUp()
    {
        var source = TestImages.Texture(500, 375, 3);
        var pipeline = new ViewPipeline(new ViewRecipe { SolarizeProbability = 0.5 }, 3);
        var view = new byte[pipeline.ViewBytes];
        // Warm-up renders the same samples once: scratch buffers grow to the largest crop they will see
        // (and the JIT settles); the second pass must then allocate nothing.
        for (var sample = 0; sample < 40; sample++) pipeline.Render(source, 1, 0, sample, sample % 2, view);
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var sample = 0; sample < 40; sample++) pipeline.Render(source, 1, 0, sample, sample % 2, view);
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    [Fact]
    public void RejectsWrongChannelsAndDestinationSize()
    {
        var pipeline = new ViewPipeline(new ViewRecipe { OutputSize = 8 }, 3);
        Assert.Equal(3 * 64, pipeline.ViewBytes);
        var gray = TestImages.Texture(10, 10, 1);
        Assert.Throws<ArgumentException>(() => pipeline.Render(gray, 0, 0, 0, 0, new byte[pipeline.ViewBytes]));
        var rgb = TestImages.Texture(10, 10, 3);
        Assert.Throws<ArgumentException>(() => pipeline.Render(rgb, 0, 0, 0, 0, new byte[pipeline.ViewBytes - 1]));
        Assert.Throws<ArgumentException>(() => pipeline.Render(new PixelImage(), 0, 0, 0, 0, new byte[pipeline.ViewBytes]));
    }

    [Fact]
    public void RejectsInvalidRecipeAndChannels()
    {
        Assert.Throws<ArgumentException>(() => new ViewPipeline(new ViewRecipe { CropScaleMin = 2 }, 3));
        Assert.Throws<ArgumentOutOfRangeException>(() => new ViewPipeline(new ViewRecipe(), 2));
    }
}
