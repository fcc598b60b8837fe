using ActorSsl.Training.Schedules;

namespace ActorSsl.Training.Tests.Schedules;

public class ScheduleSpec
{
    [Fact]
    public void Cosine_decay_must_start_at_base_halve_midway_and_end_at_final()
    {
        var s = new WarmupCosineSchedule(0.06, TotalSteps: 100);
        Assert.Equal(0.06, s.At(0), 12);
        Assert.Equal(0.03, s.At(50), 12);
        Assert.Equal(0.0, s.At(100), 12);
        Assert.True(s.At(25) > s.At(26));
    }

    [Fact]
    public void Warmup_must_rise_linearly_then_decay()
    {
        var s = new WarmupCosineSchedule(1.0, TotalSteps: 110, WarmupSteps: 10, FinalRate: 0.1);
        Assert.Equal(0.1, s.At(0), 12);
        Assert.Equal(0.5, s.At(4), 12);
        Assert.Equal(1.0, s.At(10), 12);
        Assert.Equal(0.55, s.At(60), 12);
        Assert.Equal(0.1, s.At(110), 12);
    }

    [Fact]
    public void Momentum_schedule_must_be_constant_or_rise_to_final()
    {
        Assert.Equal(0.99, MomentumSchedule.Constant(0.99).At(500));
        var byol = new MomentumSchedule(0.99, 1.0, 100, Cosine: true);
        Assert.Equal(0.99, byol.At(0), 12);
        Assert.Equal(0.995, byol.At(50), 12);
        Assert.Equal(1.0, byol.At(100), 12);
    }
}
