using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text;
using ActorSsl.Training;

namespace ActorSsl.Training.Tests;

/// <summary>
/// Checks the build step in src/ActorSsl.Training/build/LibTorchSharpGlibcxxShim.targets on this very output:
/// the copied libLibTorchSharp.so is patched exactly when the libstdc++ this process uses lacks GLIBCXX_3.4.32,
/// and the copy that gets loaded is the one in the output, not the NuGet cache's.
/// </summary>
public class GlibcxxShimBuildTests
{
    private const string Version = "GLIBCXX_3.4.32";

    [Fact]
    public void Output_library_is_patched_iff_the_system_libstdcxx_lacks_the_version()
    {
        if (!OperatingSystem.IsLinux() || RuntimeInformation.OSArchitecture != Architecture.X64)
            return; // the build step only runs on Linux x64

        TorchRuntime.EnsureAvailable();
        var maps = File.ReadAllLines("/proc/self/maps");
        var libstdcxx = MappedFile(maps, "libstdc++.so.6"); // the real file, e.g. libstdc++.so.6.0.30
        var loaded = MappedFile(maps, TorchLoadDiagnostics.LibraryName);

        var output = TorchLoadDiagnostics.FindLibrary(AppContext.BaseDirectory);
        Assert.NotNull(output);
        Assert.Equal(Path.GetFullPath(output), loaded);

        var systemLacks = File.ReadAllBytes(libstdcxx).AsSpan().IndexOf(Encoding.ASCII.GetBytes(Version)) < 0;
        var libraryNeeds = Readelf("-V", output).Contains(Version);
        var expectPatched = systemLacks && libraryNeeds;

        var needed = Readelf("-d", output).Contains($"[{TorchLoadDiagnostics.ShimName}]");
        var shimBeside = File.Exists(Path.Combine(Path.GetDirectoryName(output)!, TorchLoadDiagnostics.ShimName));
        Assert.Equal(expectPatched, needed);
        Assert.Equal(expectPatched, shimBeside);
        if (expectPatched)
            Assert.Contains("Flags: WEAK", Readelf("-V", output).Split('\n').Single(l => l.Contains(Version)));
    }

    /// <summary>The one file mapped into this process whose name starts with <paramref name="prefix"/>.</summary>
    private static string MappedFile(string[] maps, string prefix) =>
        maps.Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Where(f => f.Length >= 6 && Path.GetFileName(f[5]).StartsWith(prefix, StringComparison.Ordinal))
            .Select(f => f[5])
            .Distinct()
            .Single();

    private static string Readelf(string option, string file)
    {
        var psi = new ProcessStartInfo("readelf", ["-W", option, file]) { RedirectStandardOutput = true };
        using var process = Process.Start(psi)!;
        var text = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        Assert.Equal(0, process.ExitCode);
        return text;
    }
}
