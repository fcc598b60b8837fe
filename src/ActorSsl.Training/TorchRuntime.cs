using System.Reflection;
using TorchSharp;

namespace ActorSsl.Training;

/// <summary>
/// One place that brings up TorchSharp's native backend and reports what it is.
/// </summary>
/// <remarks>
/// TorchSharp reports every native load failure as a missing libtorch package reference, which hides the
/// real cause (on Debian 12: <c>GLIBCXX_3.4.32 not found</c>). Calling <see cref="EnsureAvailable"/> at
/// startup turns that into an error that names the file and the fix.
/// </remarks>
public static class TorchRuntime
{
    // Caches the exception too: a failed native load does not recover within the process.
    private static readonly Lazy<bool> Loaded = new(Load, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>The libtorch flavour this build references (<c>cpu</c> or <c>cuda</c>), from the TorchBackend build property.</summary>
    public static string Backend { get; } =
        typeof(TorchRuntime).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .FirstOrDefault(a => a.Key == "TorchBackend")?.Value ?? "cpu";

    /// <summary>
    /// Loads the native backend and checks it with a real tensor operation. Idempotent and thread-safe.
    /// </summary>
    /// <exception cref="InvalidOperationException">The backend cannot be loaded or computes wrong results; the message says why and how to fix it.</exception>
    public static void EnsureAvailable() => _ = Loaded.Value;

    /// <summary>One line for logs: TorchSharp and libtorch versions, backend, CUDA availability and CPU threads.</summary>
    public static string Describe()
    {
        EnsureAvailable();
        var version = typeof(torch).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
                      ?? typeof(torch).Assembly.GetName().Version?.ToString();
        var cuda = torch.cuda.is_available() ? $"yes ({torch.cuda.device_count()} devices)" : "no";
        return $"TorchSharp {version}, libtorch {torch.__version__} ({Backend}), CUDA available: {cuda}, CPU threads: {torch.get_num_threads()}, malloc: {TcmallocPreload.Describe()}";
    }

    private static bool Load()
    {
        float sum;
        try
        {
            using var scope = torch.NewDisposeScope();
            sum = (torch.ones(2) + 1).sum().item<float>();
        }
        catch (Exception e)
        {
            throw TorchLoadDiagnostics.Explain(e, AppContext.BaseDirectory);
        }
        if (sum != 4f)
            throw new InvalidOperationException($"TorchSharp loaded but (ones(2) + 1).sum() gave {sum} instead of 4; the native libtorch is broken.");
        return true;
    }
}
