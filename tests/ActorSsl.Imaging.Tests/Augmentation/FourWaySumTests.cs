using System.Numerics;
using ActorSsl.Imaging.Augmentation;

namespace ActorSsl.Imaging.Tests.Augmentation;

/// <summary>The contrast mean's summation rule: SIMD and scalar adds give the same bits, and the sum is right.</summary>
public class FourWaySumTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(3)]
    [InlineData(50176)]
    [InlineData(1001)]
    public void VectorAddsGiveTheBitsOfScalarAddsByIndex(int length)
    {
        var random = new Random(length);
        // Mixed magnitudes, so the order of additions shows in the last bits.
        var values = Enumerable.Range(0, length).Select(_ => random.NextSingle() * MathF.Pow(10, random.Next(-6, 2))).ToArray();
        var scalar = new FourWaySum();
        for (var i = 0; i < length; i++) scalar.Add(i, values[i]);

        var vector = new FourWaySum();
        var width = Vector<float>.Count;
        var padded = new float[width];
        for (var i = 0; i < length; i += width)
        {
            var count = Math.Min(width, length - i);
            Array.Clear(padded);
            Array.Copy(values, i, padded, 0, count);
            vector.Add(new Vector<float>(padded), count);
        }

        Assert.Equal(BitConverter.DoubleToInt64Bits(scalar.Total), BitConverter.DoubleToInt64Bits(vector.Total));
        var plain = 0.0;
        foreach (var v in values) plain += v;
        Assert.InRange(scalar.Total - plain, -1e-12 * (plain + 1), 1e-12 * (plain + 1));
    }

    [Fact]
    public void PartialsAreCombinedInTheirFixedOrder()
    {
        // 1e16 + 1 is lost in double, so the grouping shows: ((1e16 + 1) + 1) + 1 = 1e16, (p0 + p1) first.
        var sum = new FourWaySum();
        sum.Add(0, 1e16f);
        sum.Add(1, 1f);
        sum.Add(2, 1f);
        sum.Add(3, 1f);
        Assert.Equal((double)1e16f, sum.Total);
    }
}
