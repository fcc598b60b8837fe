namespace ActorSsl.Cli.Reporting;

/// <summary>
/// Resident memory of this process from /proc (Linux): the current RSS and the peak (VmHWM), which can be
/// reset between epochs so each epoch's own peak is measured.
/// </summary>
public static class ProcessMemory
{
    public static double CurrentRssMb() => ReadKb("VmRSS:") / 1024.0;

    public static double PeakRssMb() => ReadKb("VmHWM:") / 1024.0;

    /// <summary>Resets the kernel's peak-RSS mark ("5" to clear_refs); false where the kernel does not allow it.</summary>
    public static bool ResetPeak()
    {
        try
        {
            File.WriteAllText("/proc/self/clear_refs", "5");
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    private static long ReadKb(string field)
    {
        try
        {
            foreach (var line in File.ReadLines("/proc/self/status"))
                if (line.StartsWith(field, StringComparison.Ordinal))
                    return long.Parse(line.AsSpan(field.Length).Trim().ToString().Split(' ')[0]);
        }
        catch (IOException) { }
        // Not Linux: fall back to the runtime's view.
        return Environment.WorkingSet / 1024;
    }
}
