using ActorSsl.Imaging.Augmentation;

namespace ActorSsl.Imaging.Tests.Augmentation;

public class GaussianBlurTests
{
    // exp(-1/2) = 0.60653066; weights [e^-.5, 1, e^-.5] / (1 + 2 e^-.5)
    private const float Side = 0.27406862f;
    private const float Centre = 0.45186276f;

    [Fact]
    public void KernelIsNormalisedGaussian()
    {
        var kernel = new float[3];
        GaussianBlur.ComputeKernel(1.0, kernel);
        TestImages.AssertClose([Side, Centre, Side], kernel, 1e-7f);
    }

    [Fact]
    public void ImpulseGivesOuterProductOfKernel()
    {
        var plane = new float[25];
        plane[12] = 1f;
        new GaussianBlur(5, 3).Apply(plane, 1, 1.0);
        float[] g = [Side, Centre, Side];
        for (var y = 0; y < 5; y++)
        for (var x = 0; x < 5; x++)
        {
            var inside = Math.Abs(y - 2) <= 1 && Math.Abs(x - 2) <= 1;
            var expected = inside ? g[y - 1] * g[x - 1] : 0f;
            Assert.Equal(expected, plane[y * 5 + x], 6);
        }
    }

    [Fact]
    public void BordersReflectWithoutRepeatingTheEdge()
    {
        // Centre impulse of a 3x3: at x = 0 the taps read x = 1 twice (offset -1 reflects to 1), so the weight is 2 * Side.
        var chw = new float[18];
        chw[4] = 1f;
        chw[9 + 4] = 0.5f;
        new GaussianBlur(3, 3).Apply(chw, 2, 1.0);
        var edge = 2 * Side;
        float[] expected = [edge * edge, edge * Centre, edge * edge, Centre * edge, Centre * Centre, Centre * edge, edge * edge, edge * Centre, edge * edge];
        TestImages.AssertClose(expected, chw.AsSpan(0, 9), 1e-6f);
        TestImages.AssertClose(expected.Select(v => v * 0.5f).ToArray(), chw.AsSpan(9, 9), 1e-6f);
    }

    [Fact]
    public void ConstantImageStaysConstantEvenWithKernelWiderThanImage()
    {
        var plane = Enumerable.Repeat(0.25f, 9).ToArray();
        new GaussianBlur(3, 7).Apply(plane, 1, 2.0);
        TestImages.AssertClose(Enumerable.Repeat(0.25f, 9).ToArray(), plane, 1e-6f);
    }

    [Fact]
    public void MatchesDirectConvolutionOnLargerPlanes()
    {
        // Wide enough for the SIMD path; the reference is a plain 2-D sum with torch-style reflect indices.
        const int size = 21, kernelSize = 7, channels = 3;
        const double sigma = 1.3;
        var chw = new float[channels * size * size];
        for (var i = 0; i < chw.Length; i++) chw[i] = (i * 37 % 101) / 100f;
        var kernel = new float[kernelSize];
        GaussianBlur.ComputeKernel(sigma, kernel);
        var expected = new float[chw.Length];
        static int Reflect(int i, int n) => i < 0 ? -i : i >= n ? 2 * (n - 1) - i : i;
        for (var c = 0; c < channels; c++)
        for (var y = 0; y < size; y++)
        for (var x = 0; x < size; x++)
        {
            var sum = 0.0;
            for (var dy = 0; dy < kernelSize; dy++)
            for (var dx = 0; dx < kernelSize; dx++)
            {
                var sy = Reflect(y + dy - kernelSize / 2, size);
                var sx = Reflect(x + dx - kernelSize / 2, size);
                sum += kernel[dy] * kernel[dx] * chw[c * size * size + sy * size + sx];
            }
            expected[c * size * size + y * size + x] = (float)sum;
        }
        new GaussianBlur(size, kernelSize).Apply(chw, channels, sigma);
        TestImages.AssertClose(expected, chw, 1e-5f);
    }

    [Theory]
    [InlineData(0.1)]
    [InlineData(0.8)]
    [InlineData(2.0)]
    public void MatchesDoublePrecisionReferenceAtTheRecipeSize(double sigma)
    {
        // 224 px with torchvision's 23-tap kernel; the reference is a plain separable sum in double with reflect indices.
        const int size = 224, kernelSize = 23, channels = 3, radius = kernelSize / 2;
        var random = new Random(17);
        var chw = Enumerable.Range(0, channels * size * size).Select(_ => random.NextSingle()).ToArray();
        var weights = new double[kernelSize];
        for (var k = 0; k < kernelSize; k++) weights[k] = Math.Exp(-0.5 * Math.Pow((k - radius) / sigma, 2));
        var total = weights.Sum();
        static int Reflect(int i, int n) => i < 0 ? -i : i >= n ? 2 * (n - 1) - i : i;
        var expected = new double[chw.Length];
        var rows = new double[size * size];
        for (var c = 0; c < channels; c++)
        {
            var plane = c * size * size;
            for (var y = 0; y < size; y++)
            for (var x = 0; x < size; x++)
            {
                var sum = 0.0;
                for (var k = 0; k < kernelSize; k++) sum += weights[k] / total * chw[plane + y * size + Reflect(x + k - radius, size)];
                rows[y * size + x] = sum;
            }
            for (var y = 0; y < size; y++)
            for (var x = 0; x < size; x++)
            {
                var sum = 0.0;
                for (var k = 0; k < kernelSize; k++) sum += weights[k] / total * rows[Reflect(y + k - radius, size) * size + x];
                expected[plane + y * size + x] = sum;
            }
        }

        new GaussianBlur(size, kernelSize).Apply(chw, channels, sigma);

        for (var i = 0; i < chw.Length; i++)
        {
            Assert.True(Math.Abs(expected[i] - chw[i]) <= 1e-5, $"index {i}: expected {expected[i]}, got {chw[i]}");
            // As uint8 grey levels the two differ by at most one (only where the value sits on a rounding boundary).
            Assert.InRange(Math.Round(chw[i] * 255.0) - Math.Round(expected[i] * 255.0), -1, 1);
        }
    }

    [Theory]
    [InlineData(0.1)] // only 3 of 23 float weights are non-zero
    [InlineData(0.5)] // the outer 4 on each side underflow to 0
    [InlineData(1.9)] // all 23 are non-zero
    public void GivesTheBitsOfPlainFloatLoopsOverAllTaps(double sigma)
    {
        // Skipping zero taps and the SIMD accumulation must not change a bit: the reference sums all 23 taps in
        // kernel order from the first product, rows then columns, with reflect indices.
        const int size = 48, kernelSize = 23, radius = kernelSize / 2;
        var random = new Random(8);
        var plane = Enumerable.Range(0, size * size).Select(_ => random.NextSingle()).ToArray();
        var kernel = new float[kernelSize];
        GaussianBlur.ComputeKernel(sigma, kernel);
        static int Reflect(int i, int n) => i < 0 ? -i : i >= n ? 2 * (n - 1) - i : i;
        var rows = new float[size * size];
        var expected = new float[size * size];
        for (var y = 0; y < size; y++)
        for (var x = 0; x < size; x++)
        {
            var sum = kernel[0] * plane[y * size + Reflect(x - radius, size)];
            for (var k = 1; k < kernelSize; k++) sum += kernel[k] * plane[y * size + Reflect(x + k - radius, size)];
            rows[y * size + x] = sum;
        }
        for (var y = 0; y < size; y++)
        for (var x = 0; x < size; x++)
        {
            var sum = kernel[0] * rows[Reflect(y - radius, size) * size + x];
            for (var k = 1; k < kernelSize; k++) sum += kernel[k] * rows[Reflect(y + k - radius, size) * size + x];
            expected[y * size + x] = sum;
        }

        new GaussianBlur(size, kernelSize).Apply(plane, 1, sigma);

        Assert.Equal(expected, plane);
    }

    [Fact]
    public void EqualPlanesGetTheBitsOfBlurringEachOnItsOwn()
    {
        // Grayscale views have three equal planes; the blur computes one and copies it. Here planes 0 and 1 are
        // equal and plane 2 differs, and every plane must match blurring it alone.
        const int size = 40;
        var random = new Random(4);
        var first = Enumerable.Range(0, size * size).Select(_ => random.NextSingle()).ToArray();
        var third = Enumerable.Range(0, size * size).Select(_ => random.NextSingle()).ToArray();
        var chw = first.Concat(first).Concat(third).ToArray();

        new GaussianBlur(size, 5).Apply(chw, 3, 1.4);

        var alone = new GaussianBlur(size, 5);
        var expectedFirst = (float[])first.Clone();
        alone.Apply(expectedFirst, 1, 1.4);
        var expectedThird = (float[])third.Clone();
        alone.Apply(expectedThird, 1, 1.4);
        Assert.Equal(expectedFirst, chw.AsSpan(0, size * size).ToArray());
        Assert.Equal(expectedFirst, chw.AsSpan(size * size, size * size).ToArray());
        Assert.Equal(expectedThird, chw.AsSpan(2 * size * size, size * size).ToArray());
    }

    [Fact]
    public void KernelSizeOneIsNoOp()
    {
        float[] plane = [0f, 1f, 0f, 0.5f];
        new GaussianBlur(2, 1).Apply(plane, 1, 2.0);
        Assert.Equal([0f, 1f, 0f, 0.5f], plane);
    }

    [Theory]
    [InlineData(224, 23)]
    [InlineData(32, 3)]
    [InlineData(28, 3)]
    [InlineData(96, 9)]
    [InlineData(12, 1)]
    public void RecipeKernelSizeIsTenPercentMadeOdd(int size, int kernel) =>
        Assert.Equal(kernel, new ViewRecipe { OutputSize = size }.BlurKernelSize);

    [Fact]
    public void RejectsEvenKernel() => Assert.Throws<ArgumentOutOfRangeException>(() => new GaussianBlur(8, 4));
}
