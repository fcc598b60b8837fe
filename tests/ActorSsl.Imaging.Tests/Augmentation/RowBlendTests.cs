using ActorSsl.Imaging.Augmentation;

namespace ActorSsl.Imaging.Tests.Augmentation;

/// <summary>The SIMD vertical resampling step against a plain loop over uint8 rows: the same bits.</summary>
public class RowBlendTests
{
    [Fact]
    public void MatchesPlainLoopForEveryLengthAndTapCount()
    {
        var random = new Random(9);
        for (var length = 1; length <= 140; length += 3)
        for (var taps = 1; taps <= 4; taps++)
        {
            var stride = length + random.Next(0, 7);
            var start = random.Next(0, 5);
            var pixels = new byte[start + taps * stride + 3];
            random.NextBytes(pixels);
            var weights = Enumerable.Range(0, taps).Select(_ => random.NextSingle() / 255f).ToArray();
            var expected = new float[length];
            for (var k = 0; k < length; k++)
            {
                var sum = weights[0] * pixels[start + k];
                for (var t = 1; t < taps; t++) sum += weights[t] * pixels[start + t * stride + k];
                expected[k] = sum;
            }
            var actual = new float[length];
            RowBlend.Apply(pixels, start, stride, weights, actual);
            Assert.Equal(expected, actual);
        }
    }

    [Fact]
    public void RejectsRowsPastTheEndOfThePixels()
    {
        var accumulator = new float[8];
        Assert.Throws<ArgumentOutOfRangeException>(() => RowBlend.Apply(new byte[20], 4, 10, [0.5f, 0.5f], accumulator));
        Assert.Throws<ArgumentException>(() => RowBlend.Apply(new byte[20], 0, 10, [], accumulator));
    }
}
