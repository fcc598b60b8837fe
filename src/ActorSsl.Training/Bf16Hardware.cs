namespace ActorSsl.Training;

/// <summary>
/// Whether this machine's CPU computes bfloat16 natively (x86: AVX512_BF16 or AMX-BF16; ARM: the BF16 extension),
/// read from <c>/proc/cpuinfo</c>. Without it libtorch emulates bfloat16 and <c>train.precision = bf16</c> is slower
/// than fp32, which start-up says.
/// </summary>
public static class Bf16Hardware
{
    private static readonly string[] NativeFlags = ["avx512_bf16", "amx_bf16", "bf16"];

    /// <summary>True, false, or null when it cannot be told (no /proc/cpuinfo).</summary>
    public static bool? CpuIsNative(string cpuinfoPath = "/proc/cpuinfo")
    {
        if (!File.Exists(cpuinfoPath)) return null;
        foreach (var line in File.ReadLines(cpuinfoPath))
        {
            // x86 lists its extensions under "flags", ARM under "Features"; every core repeats them, the first suffices.
            if (!line.StartsWith("flags", StringComparison.Ordinal) && !line.StartsWith("Features", StringComparison.Ordinal)) continue;
            var colon = line.IndexOf(':');
            if (colon < 0) continue;
            var flags = line[(colon + 1)..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
            return flags.Any(f => NativeFlags.Contains(f, StringComparer.Ordinal));
        }
        return null;
    }

    /// <summary>
    /// The precision a run computes in: <paramref name="precision"/> itself, or for "auto" bf16 on a CPU with native
    /// bfloat16 and fp32 otherwise (CUDA included: whether a GPU has fast bfloat16 is not checked here).
    /// </summary>
    public static string Resolve(string precision, string device, string cpuinfoPath = "/proc/cpuinfo") =>
        precision != "auto" ? precision : device == "cpu" && CpuIsNative(cpuinfoPath) == true ? "bf16" : "fp32";

    /// <summary>A start-up warning for <c>precision = bf16</c> on <paramref name="device"/> (cpu, cuda:N), or null when there is none to give.</summary>
    public static string? Warning(string precision, string device, string cpuinfoPath = "/proc/cpuinfo") =>
        precision == "bf16" && device == "cpu" && CpuIsNative(cpuinfoPath) == false
            ? "actorssl.train.precision = bf16, but this CPU has no native bfloat16 arithmetic (no avx512_bf16, amx_bf16 or bf16 " +
              "in /proc/cpuinfo): libtorch emulates it and the step will be slower than with precision = fp32."
            : null;
}
