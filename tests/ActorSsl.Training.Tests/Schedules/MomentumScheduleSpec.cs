using ActorSsl.Training.Schedules;

namespace ActorSsl.Training.Tests.Schedules;

public class MomentumScheduleSpec
{
    [Fact]
    public void Cosine_schedule_must_follow_byol_at_hand_computed_steps()
    {
        // BYOL: m = 1 − (1 − m₀)·(cos(πk/K) + 1)/2 with m₀ = 0.996, K = 100.
        var byol = new MomentumSchedule(0.996, 1.0, TotalSteps: 100, Cosine: true);
        Assert.Equal(0.996, byol.At(0), 1e-12);
        // k = 25: cos(π/4) = √2/2 → 1 − 0.004·(1 + √2/2)/2 = 1 − 0.002 − 0.001·√2
        Assert.Equal(0.998 - 0.001 * Math.Sqrt(2), byol.At(25), 1e-12);
        Assert.Equal(0.998, byol.At(50), 1e-12);
        // k = 75: cos(3π/4) = −√2/2 → 1 − 0.002 + 0.001·√2
        Assert.Equal(0.998 + 0.001 * Math.Sqrt(2), byol.At(75), 1e-12);
        Assert.Equal(1.0, byol.At(100), 1e-12);
    }

    [Fact]
    public void Cosine_schedule_must_rise_monotonically_and_stay_at_final_past_the_end()
    {
        var byol = new MomentumSchedule(0.99, 1.0, TotalSteps: 40, Cosine: true);
        for (var k = 1; k <= 40; k++) Assert.True(byol.At(k) > byol.At(k - 1), $"step {k}");
        Assert.Equal(1.0, byol.At(41), 1e-12);
        Assert.Equal(1.0, byol.At(1000), 1e-12);
    }
}
