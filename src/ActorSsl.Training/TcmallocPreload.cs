using System.Runtime.InteropServices;

namespace ActorSsl.Training;

/// <summary>
/// Runs the process under gperftools' tcmalloc (Debian: <c>libtcmalloc-minimal4</c>) instead of glibc's malloc, the
/// allocator PyTorch's CPU performance guide recommends for training. libtorch allocates every activation and gradient
/// with malloc; glibc's heap fragments under that pattern, tcmalloc's page heap does not. Measured here with the same
/// step and the same peak of live malloc'd memory (785 MB for ResNet-18 at batch 128): glibc's heap grew to 1.2–3.0 GB
/// depending on which arena the training thread got and on thread timing (peak RSS 1.6–2.6 GB); under tcmalloc peak
/// RSS was 938–942 MB in every run, and the step no slower.
/// <para>
/// An allocator must be in place before the first allocation, so <see cref="PreferTcmalloc"/> (the first line of
/// <c>actorssl</c>'s Main) re-executes the same command line with the library in <c>LD_PRELOAD</c>; the process keeps its
/// PID. It does nothing when tcmalloc is already loaded, when <c>ACTORSSL_MALLOC=glibc</c> asks for glibc, or when the
/// library is not installed (then glibc, tuned by <see cref="GlibcMalloc"/>, serves, with a warning).
/// </para>
/// </summary>
public static partial class TcmallocPreload
{
    /// <summary><c>ACTORSSL_MALLOC=glibc</c> keeps glibc's malloc.</summary>
    public const string ChoiceVariable = "ACTORSSL_MALLOC";

    /// <summary>Set on the re-executed process, so a preload that did not take cannot loop.</summary>
    public const string ReexecutedVariable = "ACTORSSL_MALLOC_REEXEC";

    /// <summary>Where Debian-family and other common distributions install the library.</summary>
    public static readonly IReadOnlyList<string> Candidates =
    [
        "/usr/lib/x86_64-linux-gnu/libtcmalloc_minimal.so.4",
        "/usr/lib/aarch64-linux-gnu/libtcmalloc_minimal.so.4",
        "/usr/lib64/libtcmalloc_minimal.so.4",
        "/usr/lib/libtcmalloc_minimal.so.4",
    ];

    /// <summary>What <see cref="PreferTcmalloc"/> decided.</summary>
    public enum Decision
    {
        /// <summary>tcmalloc serves this process.</summary>
        Active,
        /// <summary>Re-execute with the library preloaded.</summary>
        Reexecute,
        /// <summary>glibc on purpose (<c>ACTORSSL_MALLOC=glibc</c>) or not Linux.</summary>
        Glibc,
        /// <summary>glibc because the library is not installed.</summary>
        NotInstalled,
        /// <summary>glibc although a re-execution with the library preloaded already happened.</summary>
        PreloadFailed,
    }

    /// <summary>
    /// True when tcmalloc is mapped into this process. Read from /proc/self/maps once: a malloc can only be preloaded
    /// when the process starts, so the answer never changes.
    /// </summary>
    public static bool IsActive => Loaded.Value;

    private static readonly Lazy<bool> Loaded = new(() =>
        OperatingSystem.IsLinux() && File.ReadLines("/proc/self/maps").Any(l => l.Contains("libtcmalloc", StringComparison.Ordinal)));

    /// <summary>The allocator serving this process, for reports: <c>tcmalloc</c> or <c>glibc</c>.</summary>
    public static string Describe() => IsActive ? "tcmalloc" : "glibc";

    /// <summary>The decision, from the process's state (a pure function of its arguments, for tests).</summary>
    public static Decision Decide(bool linux, bool loaded, string? choice, bool reexecuted, Func<string, bool> exists, out string? library)
    {
        library = null;
        if (!linux || Is(choice, "glibc")) return Decision.Glibc;
        if (loaded) return Decision.Active;
        if (reexecuted) return Decision.PreloadFailed;
        library = Candidates.FirstOrDefault(exists);
        return library == null ? Decision.NotInstalled : Decision.Reexecute;
    }

    /// <summary>
    /// Re-executes this process under tcmalloc when it should (does not return then); otherwise returns a warning to
    /// print, or null. Call it before anything else: the command line is re-run from the start.
    /// </summary>
    public static string? PreferTcmalloc()
    {
        var choice = Environment.GetEnvironmentVariable(ChoiceVariable);
        var unknown = choice is { Length: > 0 } && !Is(choice, "glibc") && !Is(choice, "tcmalloc")
            ? $"{ChoiceVariable}={choice} is neither glibc nor tcmalloc; ignored"
            : null;
        var decision = Decide(OperatingSystem.IsLinux(), IsActive, choice, Environment.GetEnvironmentVariable(ReexecutedVariable) == "1",
            File.Exists, out var library);
        var warning = decision switch
        {
            Decision.Reexecute => $"could not re-execute under {library} (errno {Reexecute(library!)}); glibc's malloc serves this run, with a higher peak RSS",
            Decision.NotInstalled => "tcmalloc is not installed (Debian: apt-get install libtcmalloc-minimal4), so glibc's malloc serves this run: " +
                                     "its heap fragments under libtorch's allocations and peak RSS is higher (up to ~2×); " +
                                     $"{ChoiceVariable}=glibc silences this",
            Decision.PreloadFailed => $"tcmalloc did not load although {ReexecutedVariable}=1 (LD_PRELOAD={Environment.GetEnvironmentVariable("LD_PRELOAD")}); glibc's malloc serves this run",
            _ => null,
        };
        return unknown == null ? warning : warning == null ? unknown : unknown + "; " + warning;
    }

    /// <summary>execve of this process's own command line with <paramref name="library"/> preloaded; returns errno if it fails.</summary>
    private static int Reexecute(string library)
    {
        var cmdline = File.ReadAllText("/proc/self/cmdline");
        var argv = cmdline[..^1].Split('\0'); // NUL after every argument, the last included; empty arguments stay
        var preload = Environment.GetEnvironmentVariable("LD_PRELOAD");
        Environment.SetEnvironmentVariable("LD_PRELOAD", string.IsNullOrEmpty(preload) ? library : library + ":" + preload);
        Environment.SetEnvironmentVariable(ReexecutedVariable, "1");
        var environment = Environment.GetEnvironmentVariables().Cast<System.Collections.DictionaryEntry>()
            .Select(e => $"{e.Key}={e.Value}").ToArray();
        Console.Out.Flush();
        Console.Error.Flush();
        var argvPointers = ToUtf8Array(argv);
        var envPointers = ToUtf8Array(environment);
        execve("/proc/self/exe", argvPointers, envPointers);
        var errno = Marshal.GetLastPInvokeError();
        foreach (var p in argvPointers.Concat(envPointers)) Marshal.FreeCoTaskMem(p);
        Environment.SetEnvironmentVariable("LD_PRELOAD", preload);
        Environment.SetEnvironmentVariable(ReexecutedVariable, null);
        return errno;
    }

    private static bool Is(string? choice, string allocator) => string.Equals(choice, allocator, StringComparison.OrdinalIgnoreCase);

    private static nint[] ToUtf8Array(IReadOnlyList<string> strings)
    {
        var pointers = new nint[strings.Count + 1];
        for (var i = 0; i < strings.Count; i++) pointers[i] = Marshal.StringToCoTaskMemUTF8(strings[i]);
        return pointers; // the last stays 0: execve's terminating null
    }

    [LibraryImport("libc", EntryPoint = "execve", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static partial int execve(string path, nint[] argv, nint[] envp);
}
