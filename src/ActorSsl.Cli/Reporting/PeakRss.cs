namespace ActorSsl.Cli.Reporting;

/// <summary>The process's peak RSS over a run (the kernel's high-water mark, sampled so resets elsewhere do not lose it).</summary>
public sealed class PeakRss
{
    public double Max { get; private set; }

    public void Sample() => Max = Math.Max(Max, Math.Max(ProcessMemory.PeakRssMb(), ProcessMemory.CurrentRssMb()));
}
