using ActorSsl.Imaging.Augmentation;

namespace ActorSsl.Imaging.Tests.Augmentation;

public class ColorJitterTests
{
    [Fact]
    public void BrightnessScalesAndClamps()
    {
        float[] pixel = [0.2f, 0.4f, 0.8f];
        ColorJitter.AdjustBrightness(pixel, 1.5f);
        TestImages.AssertClose([0.3f, 0.6f, 1f], pixel);
    }

    [Fact]
    public void ContrastBlendsTowardsMeanLuma()
    {
        // Red, green, blue, white: lumas .299, .587, .114, 1 -> mean 0.5. Factor 0.5: v' = 0.5 v + 0.25.
        float[] chw = [1, 0, 0, 1, /* G */ 0, 1, 0, 1, /* B */ 0, 0, 1, 1];
        ColorJitter.AdjustContrast(chw, 3, 0.5f);
        TestImages.AssertClose([0.75f, 0.25f, 0.25f, 0.75f, 0.25f, 0.75f, 0.25f, 0.75f, 0.25f, 0.25f, 0.75f, 0.75f], chw);
    }

    [Fact]
    public void ContrastOnGrayUsesPlainMeanAndClamps()
    {
        float[] plane = [0.2f, 0.4f, 0.6f, 0.8f]; // mean 0.5; factor 2: 2v - 0.5
        ColorJitter.AdjustContrast(plane, 1, 2f);
        TestImages.AssertClose([0f, 0.3f, 0.7f, 1f], plane);
    }

    [Fact]
    public void SaturationZeroIsGrayscale()
    {
        float[] pixel = [0.2f, 0.4f, 0.8f];
        ColorJitter.AdjustSaturation(pixel, 3, 0f);
        const float luma = 0.299f * 0.2f + 0.587f * 0.4f + 0.114f * 0.8f; // 0.3858
        TestImages.AssertClose([luma, luma, luma], pixel);
    }

    [Fact]
    public void SaturationTwoPushesAwayFromLuma()
    {
        float[] pixel = [0.2f, 0.4f, 0.8f];
        ColorJitter.AdjustSaturation(pixel, 3, 2f);
        TestImages.AssertClose([0.0142f, 0.4142f, 1f], pixel);
    }

    [Theory]
    [InlineData(1f / 3, 0f, 1f, 0f)]
    [InlineData(-1f / 3, 0f, 0f, 1f)]
    [InlineData(2f / 3, 0f, 0f, 1f)]
    public void HueRotatesPureRed(float shift, float r, float g, float b)
    {
        float[] pixel = [1f, 0f, 0f];
        ColorJitter.AdjustHue(pixel, 3, shift);
        TestImages.AssertClose([r, g, b], pixel);
    }

    [Fact]
    public void HueHalfTurnGivesComplement()
    {
        // (0.8, 0.4, 0.2): h = 1/18, s = 0.75, v = 0.8. h + 0.5 = 10/18 -> sector 3, f = 1/3 -> (p, q, v) = (0.2, 0.6, 0.8).
        float[] pixel = [0.8f, 0.4f, 0.2f];
        ColorJitter.AdjustHue(pixel, 3, 0.5f);
        TestImages.AssertClose([0.2f, 0.6f, 0.8f], pixel);
    }

    [Fact]
    public void SaturationAndHueAreNoOpsOnOneChannel()
    {
        float[] plane = [0.1f, 0.5f, 0.9f];
        ColorJitter.AdjustSaturation(plane, 1, 0f);
        ColorJitter.AdjustHue(plane, 1, 0.3f);
        Assert.Equal([0.1f, 0.5f, 0.9f], plane);
    }

    [Fact]
    public void OrderOfComponentsMatters()
    {
        // Brightness 2 then contrast 0: [0.2, 1 (clamped)] -> mean 0.6. Contrast first: mean 0.4, then x2 -> 0.8.
        var parameters = new JitterParameters(2f, 0f, 1f, 0f);
        float[] brightFirst = [0.1f, 0.7f];
        ColorJitter.Apply(brightFirst, 1, parameters);
        TestImages.AssertClose([0.6f, 0.6f], brightFirst);

        float[] contrastFirst = [0.1f, 0.7f];
        ColorJitter.Apply(contrastFirst, 1, parameters.WithOrder(JitterOp.Contrast, JitterOp.Brightness, JitterOp.Hue, JitterOp.Saturation));
        TestImages.AssertClose([0.8f, 0.8f], contrastFirst);
    }

    [Fact]
    public void SampledParametersStayInRangeAndCoverAllOrders()
    {
        var orders = new HashSet<int>();
        for (var i = 0; i < 1000; i++)
        {
            var rng = ViewRandom.For(5, 1, i, 0);
            var p = ColorJitter.Sample(ref rng, new ViewRecipe());
            Assert.InRange(p.BrightnessFactor, 0.6f, 1.4f);
            Assert.InRange(p.ContrastFactor, 0.6f, 1.4f);
            Assert.InRange(p.SaturationFactor, 0.6f, 1.4f);
            Assert.InRange(p.HueShift, -0.1f, 0.1f);
            var seen = 0;
            var key = 0;
            for (var position = 0; position < 4; position++)
            {
                seen |= 1 << (int)p.OpAt(position);
                key = key * 4 + (int)p.OpAt(position);
            }
            Assert.Equal(0b1111, seen);
            orders.Add(key);
        }
        Assert.Equal(24, orders.Count);
    }

    [Fact]
    public void ZeroStrengthsSampleIdentity()
    {
        var rng = ViewRandom.For(5, 1, 2, 3);
        var p = ColorJitter.Sample(ref rng, 0, 0, 0, 0);
        Assert.Equal((1f, 1f, 1f, 0f), (p.BrightnessFactor, p.ContrastFactor, p.SaturationFactor, p.HueShift));
        float[] chw = [0.1f, 0.2f, 0.3f];
        ColorJitter.Apply(chw, 3, p);
        Assert.Equal([0.1f, 0.2f, 0.3f], chw);
    }

    [Fact]
    public void DefaultParametersAreIdentityInCanonicalOrder()
    {
        var p = default(JitterParameters);
        Assert.Equal((1f, 1f, 1f, 0f), (p.BrightnessFactor, p.ContrastFactor, p.SaturationFactor, p.HueShift));
        Assert.Equal([JitterOp.Brightness, JitterOp.Contrast, JitterOp.Saturation, JitterOp.Hue],
            Enumerable.Range(0, 4).Select(p.OpAt).ToArray());
        Assert.Throws<ArgumentException>(() => p.WithOrder(JitterOp.Hue, JitterOp.Hue, JitterOp.Contrast, JitterOp.Brightness));
    }
}
