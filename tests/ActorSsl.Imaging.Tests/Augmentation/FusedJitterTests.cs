using ActorSsl.Imaging.Augmentation;

namespace ActorSsl.Imaging.Tests.Augmentation;

/// <summary>
/// <see cref="ColorJitter.Apply"/> runs the components chained per pixel in at most two SIMD sweeps; it must give
/// exactly the bits of the one-pass-per-component Adjust* methods run in the drawn order.
/// </summary>
public class FusedJitterTests
{
    public static TheoryData<int, int> Shapes => new()
    {
        { 3, 224 * 224 },
        { 3, 37 }, // a tail shorter than a vector
        { 3, 5 },
        { 1, 28 * 28 },
        { 1, 29 },
    };

    [Theory]
    [MemberData(nameof(Shapes))]
    public void MatchesSequentialComponentsBitForBitInEveryOrder(int channels, int plane)
    {
        var orders = Permutations();
        Assert.Equal(24, orders.Count);
        for (var o = 0; o < orders.Count; o++)
        {
            var rng = ViewRandom.For(11, o, plane, channels);
            // Factors up to 2.5 so values clamp between components (why the linear parts are chained, not folded).
            var parameters = new JitterParameters(Factor(ref rng), Factor(ref rng), Factor(ref rng), (float)rng.Uniform(-0.5, 0.5))
                .WithOrder(orders[o][0], orders[o][1], orders[o][2], orders[o][3]);
            var fused = RandomPlanes(ref rng, channels, plane);
            var sequential = (float[])fused.Clone();

            ApplySequentially(sequential, channels, parameters);
            ColorJitter.Apply(fused, channels, parameters);

            AssertSameBits(sequential, fused, $"order {string.Join(",", orders[o])}");
        }
    }

    [Theory]
    [InlineData(0.1f)]
    [InlineData(-0.1f)]
    [InlineData(0.5f)]
    [InlineData(-0.5f)]
    [InlineData(1e-7f)]
    [InlineData(0.3333333f)]
    public void HueMatchesScalarHsvOnEdgePixels(float shift)
    {
        // Greys, primaries, secondaries, ties between channels, near-wrap hues, black and white.
        float[][] pixels =
        [
            [0f, 0f, 0f], [1f, 1f, 1f], [0.5f, 0.5f, 0.5f], [1f, 0f, 0f], [0f, 1f, 0f], [0f, 0f, 1f],
            [1f, 1f, 0f], [0f, 1f, 1f], [1f, 0f, 1f], [0.7f, 0.7f, 0.2f], [0.2f, 0.7f, 0.7f], [0.7f, 0.2f, 0.7f],
            [1f, 0f, 1e-7f], [1f, 1e-7f, 0f], [0.999f, 0.001f, 0.9989f], [0.3f, 0.6f, 0.9f], [1e-30f, 0f, 0f],
        ];
        var plane = pixels.Length;
        var fused = new float[3 * plane];
        for (var i = 0; i < plane; i++)
        for (var c = 0; c < 3; c++)
            fused[c * plane + i] = pixels[i][c];
        var sequential = (float[])fused.Clone();

        ColorJitter.AdjustHue(sequential, 3, shift);
        ColorJitter.Apply(fused, 3, new JitterParameters(1f, 1f, 1f, shift));

        AssertSameBits(sequential, fused, $"shift {shift}");
    }

    [Fact]
    public void ContrastFirstUsesTheMeanOfTheInput()
    {
        // Contrast 0 gives the flat mean luma: the fused path must take it before brightness runs.
        float[] chw = [0.2f, 0.6f, /* G */ 0.2f, 0.6f, /* B */ 0.2f, 0.6f];
        var parameters = new JitterParameters(2f, 0f, 1f, 0f).WithOrder(JitterOp.Contrast, JitterOp.Brightness, JitterOp.Saturation, JitterOp.Hue);
        ColorJitter.Apply(chw, 3, parameters);
        TestImages.AssertClose([0.8f, 0.8f, 0.8f, 0.8f, 0.8f, 0.8f], chw, 1e-6f);
    }

    private static void ApplySequentially(Span<float> chw, int channels, JitterParameters parameters)
    {
        for (var position = 0; position < 4; position++)
        {
            switch (parameters.OpAt(position))
            {
                case JitterOp.Brightness when parameters.BrightnessFactor != 1f:
                    ColorJitter.AdjustBrightness(chw, parameters.BrightnessFactor);
                    break;
                case JitterOp.Contrast when parameters.ContrastFactor != 1f:
                    ColorJitter.AdjustContrast(chw, channels, parameters.ContrastFactor);
                    break;
                case JitterOp.Saturation when parameters.SaturationFactor != 1f:
                    ColorJitter.AdjustSaturation(chw, channels, parameters.SaturationFactor);
                    break;
                case JitterOp.Hue when parameters.HueShift != 0f:
                    ColorJitter.AdjustHue(chw, channels, parameters.HueShift);
                    break;
            }
        }
    }

    private static float Factor(ref ViewRandom rng) => (float)rng.Uniform(0, 2.5);

    /// <summary>Uniform values with some exact 0s and 1s and some grey pixels (r = g = b).</summary>
    private static float[] RandomPlanes(ref ViewRandom rng, int channels, int plane)
    {
        var chw = new float[channels * plane];
        for (var i = 0; i < plane; i++)
        {
            var grey = rng.NextInt(10) == 0;
            var value = rng.NextFloat();
            for (var c = 0; c < channels; c++)
            {
                var v = grey ? value : rng.NextFloat();
                var special = rng.NextInt(20);
                chw[c * plane + i] = special == 0 ? 0f : special == 1 ? 1f : v;
            }
        }
        return chw;
    }

    private static List<JitterOp[]> Permutations()
    {
        var all = new List<JitterOp[]>();
        foreach (var a in Enum.GetValues<JitterOp>())
        foreach (var b in Enum.GetValues<JitterOp>())
        foreach (var c in Enum.GetValues<JitterOp>())
        foreach (var d in Enum.GetValues<JitterOp>())
        {
            if (new HashSet<JitterOp> { a, b, c, d }.Count == 4) all.Add([a, b, c, d]);
        }
        return all;
    }

    private static void AssertSameBits(float[] expected, float[] actual, string context)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (var i = 0; i < expected.Length; i++)
        {
            Assert.True(BitConverter.SingleToInt32Bits(expected[i]) == BitConverter.SingleToInt32Bits(actual[i]),
                $"{context}, index {i}: sequential {expected[i]:R}, fused {actual[i]:R}");
        }
    }
}
