using System.Runtime.InteropServices;

namespace ActorSsl.Training;

/// <summary>
/// Finds out why TorchSharp's native library did not load, by loading it directly to get the dynamic
/// loader's own error text instead of TorchSharp's generic "doesn't contain a reference to libtorch-cpu".
/// </summary>
internal static class TorchLoadDiagnostics
{
    internal const string LibraryName = "libLibTorchSharp.so";
    internal const string ShimName = "libactorssl_glibcxx_shim.so";
    internal const string GlibcxxFix = "rebuild with g++ and patchelf installed: apt-get install -y g++ patchelf; dotnet build";

    /// <summary>Builds the exception to throw for <paramref name="failure"/>, TorchSharp's load error, in an app rooted at <paramref name="baseDir"/>.</summary>
    internal static InvalidOperationException Explain(Exception failure, string baseDir)
    {
        if (!OperatingSystem.IsLinux())
            return new InvalidOperationException($"TorchSharp's native backend failed to load: {failure.Message}", failure);

        var path = FindLibrary(baseDir);
        if (path is null)
            return new InvalidOperationException(
                $"TorchSharp's native backend failed to load: no {LibraryName} under {baseDir} (looked in runtimes/linux-x64/native/ and the app directory). " +
                "The app was built without the libtorch runtime package; build it through a project that references ActorSsl.Training.", failure);

        var loaderError = TryLoad(path);
        return loaderError is null
            ? new InvalidOperationException($"TorchSharp's native backend failed to load although {path} itself loads: {failure.Message}", failure)
            : new InvalidOperationException(Describe(path, loaderError), failure);
    }

    /// <summary>The message for a dynamic loader error <paramref name="loaderError"/> on <paramref name="path"/>.</summary>
    internal static string Describe(string path, string loaderError)
    {
        if (loaderError.Contains("GLIBCXX_", StringComparison.Ordinal))
            return $"TorchSharp's native library cannot be loaded: {loaderError}. " +
                   $"The system libstdc++ is older than the one TorchSharp was built with, and the build's libstdc++ shim " +
                   $"({ShimName}, see src/ActorSsl.Training/build/LibTorchSharpGlibcxxShim.targets) was not applied to {path}. " +
                   $"Fix: {GlibcxxFix} (a full rebuild if the output is stale).";
        return $"TorchSharp's native library {path} cannot be loaded: {loaderError}. " +
               "Check that the libtorch native libraries sit beside it (they come from the libtorch package of the TorchBackend build property).";
    }

    /// <summary>Where the SDK puts the library: runtimes/linux-x64/native/ for portable builds, the app directory for RID-specific publish.</summary>
    internal static string? FindLibrary(string baseDir) =>
        new[] { Path.Combine(baseDir, "runtimes", "linux-x64", "native", LibraryName), Path.Combine(baseDir, LibraryName) }
            .FirstOrDefault(File.Exists);

    /// <summary>Loads <paramref name="path"/> and returns the loader's error text, or null if it loads.</summary>
    internal static string? TryLoad(string path)
    {
        try
        {
            NativeLibrary.Load(path);
            return null;
        }
        catch (Exception e) when (e is DllNotFoundException or BadImageFormatException)
        {
            // .NET puts dlerror() on the lines after its generic "Unable to load shared library ... LD_DEBUG" preamble.
            var lines = e.Message.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            return lines.Length > 1 ? string.Join(" ", lines.Skip(1)).TrimEnd('.') : e.Message;
        }
    }
}
