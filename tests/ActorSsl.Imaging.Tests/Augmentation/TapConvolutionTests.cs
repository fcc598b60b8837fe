using ActorSsl.Imaging.Augmentation;

namespace ActorSsl.Imaging.Tests.Augmentation;

/// <summary>The SIMD tap sum against a plain loop: same float operations, so the same bits.</summary>
public class TapConvolutionTests
{
    [Fact]
    public void MatchesPlainLoopForEveryLengthAndTapCount()
    {
        var random = new Random(5);
        for (var length = 1; length <= 70; length++)
        for (var taps = 1; taps <= 5; taps++)
        {
            var source = Enumerable.Range(0, length + 40).Select(_ => random.NextSingle()).ToArray();
            var weights = Enumerable.Range(0, taps).Select(_ => random.NextSingle()).ToArray();
            var offsets = Enumerable.Range(0, taps).Select(_ => random.Next(0, 41)).ToArray();
            var expected = new float[length];
            for (var x = 0; x < length; x++)
            {
                var sum = weights[0] * source[offsets[0] + x];
                for (var k = 1; k < taps; k++) sum += weights[k] * source[offsets[k] + x];
                expected[x] = sum;
            }
            var actual = new float[length];
            TapConvolution.Apply(source, offsets, weights, actual);
            Assert.Equal(expected, actual);
        }
    }

    [Fact]
    public void RejectsOffsetsThatOverrunTheSource()
    {
        var output = new float[10];
        Assert.Throws<ArgumentOutOfRangeException>(() => TapConvolution.Apply(new float[12], [0, 3], [0.5f, 0.5f], output));
        Assert.Throws<ArgumentOutOfRangeException>(() => TapConvolution.Apply(new float[12], [-1], [1f], output));
        Assert.Throws<ArgumentException>(() => TapConvolution.Apply(new float[12], [0], [0.5f, 0.5f], output));
    }
}
