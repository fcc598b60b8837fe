using ActorSsl.Data.Epochs;

namespace ActorSsl.Data.Tests.Epochs;

public class EpochPlanSpec
{
    [Fact]
    public void Plan_must_be_a_permutation_of_every_index()
    {
        var plan = EpochPlan.Create(7, 1, 1000, 1000);
        var seen = Enumerable.Range(0, 1000).Select(plan.IndexAt).ToHashSet();
        Assert.Equal(1000, seen.Count);
        Assert.Equal(0, seen.Min());
        Assert.Equal(999, seen.Max());
        Assert.NotEqual(Enumerable.Range(0, 1000), Enumerable.Range(0, 1000).Select(plan.IndexAt));
    }

    [Fact]
    public void Plan_must_depend_only_on_seed_and_epoch()
    {
        var a = EpochPlan.Create(7, 3, 500, 500).Slice(0, 500);
        var b = EpochPlan.Create(7, 3, 500, 500).Slice(0, 500);
        var otherEpoch = EpochPlan.Create(7, 4, 500, 500).Slice(0, 500);
        var otherSeed = EpochPlan.Create(8, 3, 500, 500).Slice(0, 500);
        Assert.Equal(a, b);
        Assert.NotEqual(a, otherEpoch);
        Assert.NotEqual(a, otherSeed);
    }

    [Fact]
    public void Drop_last_must_plan_whole_batches_only()
    {
        Assert.Equal(59904, EpochPlan.PlannedPerEpoch(60000, 256, dropLast: true));
        Assert.Equal(60000, EpochPlan.PlannedPerEpoch(60000, 256, dropLast: false));
        var e = Assert.Throws<ArgumentException>(() => EpochPlan.PlannedPerEpoch(100, 256, dropLast: true));
        Assert.Contains("batch-size", e.Message);
    }

    [Fact]
    public void Positions_beyond_the_plan_must_be_rejected()
    {
        var plan = EpochPlan.Create(1, 1, 10, 8);
        Assert.Throws<ArgumentOutOfRangeException>(() => plan.IndexAt(8));
    }
}
