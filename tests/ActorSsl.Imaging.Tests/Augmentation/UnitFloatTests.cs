using ActorSsl.Imaging.Augmentation;

namespace ActorSsl.Imaging.Tests.Augmentation;

/// <summary>The SIMD float → byte conversion against its scalar rule: ×255, round half up, clamp, NaN → 0.</summary>
public class UnitFloatTests
{
    [Fact]
    public void ToBytesMatchesScalarRuleIncludingEdges()
    {
        var random = new Random(3);
        float[] edges = [0f, -0f, 1f, -0.5f, 1.5f, float.NaN, float.PositiveInfinity, float.NegativeInfinity,
            0.5f / 255f, 1.5f / 255f, 254.5f / 255f, 0.49999f / 255f, 1e-30f];
        for (var length = 0; length <= 300; length += 7)
        {
            var source = Enumerable.Range(0, length)
                .Select(i => i % 5 == 0 ? edges[random.Next(edges.Length)] : random.NextSingle() * 1.2f - 0.1f).ToArray();
            var actual = new byte[length];
            UnitFloat.ToBytes(source, actual);
            for (var i = 0; i < length; i++)
            {
                var v = source[i] * 255f;
                var expected = v > 0f ? (v < 255f ? (byte)(v + 0.5f) : (byte)255) : (byte)0;
                Assert.True(expected == actual[i], $"value {source[i]:R} at {i}: expected {expected}, got {actual[i]}");
            }
        }
    }

    [Fact]
    public void HalfwayValuesRoundUp()
    {
        var actual = new byte[64];
        UnitFloat.ToBytes(Enumerable.Repeat(0.5f, 64).ToArray(), actual);
        Assert.All(actual, b => Assert.Equal(128, b)); // 127.5 rounds up
    }
}
