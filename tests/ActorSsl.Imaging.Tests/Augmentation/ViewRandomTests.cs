using ActorSsl.Imaging.Augmentation;

namespace ActorSsl.Imaging.Tests.Augmentation;

public class ViewRandomTests
{
    [Fact]
    public void SameTupleGivesSameSequence()
    {
        var a = ViewRandom.For(123, 4, 5678, 1);
        var b = ViewRandom.For(123, 4, 5678, 1);
        for (var i = 0; i < 100; i++) Assert.Equal(a.NextUInt64(), b.NextUInt64());
    }

    [Fact]
    public void EveryFieldChangesTheSequence()
    {
        var firsts = new HashSet<ulong>
        {
            First(1, 2, 3, 4), First(0, 2, 3, 4), First(1, 3, 3, 4), First(1, 2, 4, 4), First(1, 2, 3, 5),
            First(1, 3, 2, 4), First(1, 2, 4, 3), First(1, -2, 3, 4), First(1, 2, -3, 4), First(0, 0, 0, 0),
        };
        Assert.Equal(10, firsts.Count);
    }

    [Fact]
    public void NextDoubleIsInUnitIntervalWithMeanHalf()
    {
        var rng = ViewRandom.For(9, 0, 0, 0);
        var sum = 0.0;
        for (var i = 0; i < 100_000; i++)
        {
            var d = rng.NextDouble();
            Assert.InRange(d, 0.0, Math.BitDecrement(1.0));
            var f = rng.NextFloat();
            Assert.True(f is >= 0f and < 1f, $"float {f}");
            sum += d;
        }
        Assert.InRange(sum / 100_000, 0.495, 0.505);
    }

    [Fact]
    public void NextIntIsUniformOverItsRange()
    {
        var rng = ViewRandom.For(9, 1, 0, 0);
        var counts = new int[7];
        for (var i = 0; i < 70_000; i++) counts[rng.NextInt(7)]++;
        Assert.All(counts, c => Assert.InRange(c, 9_500, 10_500));
        Assert.Equal(0, rng.NextInt(1));
        Assert.Throws<ArgumentOutOfRangeException>(() => rng.NextInt(0));
    }

    [Fact]
    public void ChanceHonoursExtremes()
    {
        var rng = ViewRandom.For(9, 2, 0, 0);
        for (var i = 0; i < 1000; i++)
        {
            Assert.False(rng.Chance(0));
            Assert.True(rng.Chance(1));
        }
    }

    private static ulong First(ulong seed, int epoch, long sample, int view) => ViewRandom.For(seed, epoch, sample, view).NextUInt64();
}
