using System.Runtime.InteropServices;

namespace ActorSsl.Training;

/// <summary>
/// Switches libtorch's oneDNN (MKLDNN) CPU kernels on or off, as <c>torch.backends.mkldnn.enabled</c> does in
/// Python (TorchSharp 0.107 has no binding, so this calls <c>at::globalContext().setUserEnabledMkldnn</c> in the
/// loaded libtorch_cpu.so). Why: measured here, libtorch 2.10's oneDNN 3.7 (AVX-512) returns NaN gradients
/// intermittently when a convolution's channel count is not a multiple of 16 (its padded blocked layout);
/// widths 8-16-16 gave NaN in 5 of 6 short runs with oneDNN on and 0 of 6 with it off; multiples of 16 gave 0 of 6.
/// The setting is process-wide.
/// </summary>
public static unsafe class OneDnn
{
    private static readonly Lazy<(IntPtr Context, IntPtr Set, IntPtr Get)> Symbols = new(Resolve);

    /// <summary>Whether oneDNN kernels may be used (libtorch's user flag).</summary>
    public static bool Enabled
    {
        get
        {
            var (context, _, get) = Symbols.Value;
            return ((delegate* unmanaged<IntPtr, byte>)get)(context) != 0;
        }
        set
        {
            var (context, set_, _) = Symbols.Value;
            ((delegate* unmanaged<IntPtr, byte, void>)set_)(context, value ? (byte)1 : (byte)0);
        }
    }

    /// <summary>
    /// Whether a run's CPU convolutions use oneDNN: <paramref name="mode"/> "on" or "off" as said; "auto" on, except
    /// for a small-resnet with a width that is not a multiple of 16 (<see cref="SafeFor"/>).
    /// </summary>
    public static bool Decide(string mode, string backbone, IEnumerable<int> widths) => mode switch
    {
        "on" => true,
        "off" => false,
        "auto" => backbone != "small-resnet" || SafeFor(widths),
        _ => throw new ArgumentException($"oneDNN mode '{mode}' must be auto, on or off", nameof(mode)),
    };

    /// <summary>True when every channel count is a multiple of oneDNN's 16-channel block (no padded layouts).</summary>
    public static bool SafeFor(IEnumerable<int> channelCounts) => channelCounts.All(c => c % 16 == 0);

    private static (IntPtr, IntPtr, IntPtr) Resolve()
    {
        TorchRuntime.EnsureAvailable();
        var path = LoadedLibraryPath("libtorch_cpu.so")
                   ?? throw new InvalidOperationException("libtorch_cpu.so is not loaded in this process; cannot switch oneDNN");
        var library = NativeLibrary.Load(path);
        var globalContext = (delegate* unmanaged<IntPtr>)NativeLibrary.GetExport(library, "_ZN2at13globalContextEv");
        return (globalContext(),
            NativeLibrary.GetExport(library, "_ZN2at7Context20setUserEnabledMkldnnEb"),
            NativeLibrary.GetExport(library, "_ZNK2at7Context17userEnabledMkldnnEv"));
    }

    private static string? LoadedLibraryPath(string name)
    {
        if (!File.Exists("/proc/self/maps")) return null;
        foreach (var line in File.ReadLines("/proc/self/maps"))
        {
            var slash = line.IndexOf('/');
            if (slash >= 0 && line.EndsWith("/" + name, StringComparison.Ordinal)) return line[slash..];
        }
        return null;
    }
}
