using ActorSsl.Imaging.Augmentation;

namespace ActorSsl.Imaging.Tests.Augmentation;

/// <summary>The block-wise SIMD horizontal resampling against a plain loop over each output's taps: the same bits.</summary>
public class ColumnBlendTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    public void MatchesPlainLoopWhenShrinkingAndEnlarging(int channels)
    {
        var random = new Random(21);
        var axis = new ResampleAxis();
        var blend = new ColumnBlend();
        foreach (var (sourceLength, outputLength) in new[] { (500, 224), (301, 224), (224, 224), (150, 224), (37, 28), (9, 28), (1000, 13), (3, 5) })
        {
            axis.Build(sourceLength, outputLength, sourceLength);
            blend.Build(axis, outputLength);
            var row = Enumerable.Range(0, sourceLength * channels).Select(_ => random.NextSingle() * 1.1f).ToArray();
            const int offset = 2;
            var plane = offset + outputLength + 3;
            var actual = new float[channels * plane];
            blend.Apply(row, channels, actual, offset, plane, outputLength);

            for (var c = 0; c < channels; c++)
            for (var x = 0; x < outputLength; x++)
            {
                var taps = axis.Weights(x);
                var first = axis.First(x);
                var sum = taps[0] * row[first * channels + c];
                for (var t = 1; t < taps.Length; t++) sum += taps[t] * row[(first + t) * channels + c];
                var expected = Math.Min(sum, 1f);
                Assert.True(expected == actual[c * plane + offset + x],
                    $"{sourceLength}->{outputLength}, channel {c}, x {x}: expected {expected:R}, got {actual[c * plane + offset + x]:R}");
            }
            Assert.Equal(0f, actual[0]); // nothing written before the offset
        }
    }
}
