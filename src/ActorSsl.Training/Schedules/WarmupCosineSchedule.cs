namespace ActorSsl.Training.Schedules;

/// <summary>
/// Learning rate at a step: linear warm-up from 0 over <see cref="WarmupSteps"/>, then cosine decay from
/// <see cref="BaseRate"/> to <see cref="FinalRate"/> at <see cref="TotalSteps"/>. Pure: the rate depends on
/// the step alone, so a resumed run continues exactly where it stopped.
/// </summary>
public sealed record WarmupCosineSchedule(double BaseRate, long TotalSteps, long WarmupSteps = 0, double FinalRate = 0)
{
    public double At(long step)
    {
        if (TotalSteps <= 0) throw new InvalidOperationException("a schedule needs at least one step");
        if (step < WarmupSteps) return BaseRate * (step + 1) / WarmupSteps;
        var decaySteps = Math.Max(1, TotalSteps - WarmupSteps);
        var progress = Math.Clamp((double)(step - WarmupSteps) / decaySteps, 0, 1);
        return FinalRate + (BaseRate - FinalRate) * 0.5 * (1 + Math.Cos(Math.PI * progress));
    }
}
