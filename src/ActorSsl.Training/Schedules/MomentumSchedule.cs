namespace ActorSsl.Training.Schedules;

/// <summary>
/// EMA momentum at a step: constant (MoCo v2), or BYOL's cosine increase from <see cref="Base"/> to
/// <see cref="Final"/>: m = 1 − (1 − base)·(cos(π·step/total) + 1)/2.
/// </summary>
public sealed record MomentumSchedule(double Base, double Final, long TotalSteps, bool Cosine)
{
    public static MomentumSchedule Constant(double momentum) => new(momentum, momentum, 1, false);

    public double At(long step)
    {
        if (!Cosine) return Base;
        var progress = Math.Clamp((double)step / Math.Max(1, TotalSteps), 0, 1);
        return Final - (Final - Base) * (Math.Cos(Math.PI * progress) + 1) / 2;
    }
}
