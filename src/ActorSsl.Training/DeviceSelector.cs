using System.Globalization;
using TorchSharp;

namespace ActorSsl.Training;

/// <summary>
/// Turns the configured device string (<c>cpu</c>, <c>cuda</c> = <c>cuda:0</c>, <c>cuda:N</c>) into a <see cref="torch.Device"/>,
/// so the rest of the code only ever passes devices around and stays device-agnostic.
/// </summary>
public static class DeviceSelector
{
    /// <summary>Parses <paramref name="spec"/> without touching the native backend.</summary>
    /// <exception cref="FormatException"><paramref name="spec"/> is not <c>cpu</c>, <c>cuda</c> or <c>cuda:N</c>.</exception>
    public static torch.Device Parse(string spec)
    {
        var s = (spec ?? "").Trim().ToLowerInvariant();
        if (s == "cpu")
            return new torch.Device(DeviceType.CPU);
        if (s == "cuda")
            return new torch.Device(DeviceType.CUDA, 0);
        if (s.StartsWith("cuda:", StringComparison.Ordinal)
            && int.TryParse(s.AsSpan(5), NumberStyles.None, CultureInfo.InvariantCulture, out var index))
            return new torch.Device(DeviceType.CUDA, index);
        throw new FormatException($"Unknown device '{spec}': expected cpu, cuda or cuda:N (N = 0, 1, ...).");
    }

    /// <summary>Parses <paramref name="spec"/> and checks that this process can use that device.</summary>
    /// <exception cref="FormatException"><paramref name="spec"/> is malformed.</exception>
    /// <exception cref="InvalidOperationException">The device is CUDA and not usable here; the message says why.</exception>
    public static torch.Device Select(string spec)
    {
        var device = Parse(spec);
        TorchRuntime.EnsureAvailable();
        if (device.type != DeviceType.CUDA)
            return device;

        if (TorchRuntime.Backend != "cuda")
            throw new InvalidOperationException(
                $"Device '{spec}' requested, but this build uses the CPU libtorch; build with -p:TorchBackend=cuda " +
                "(needs the TorchSharp-cuda-linux package) or set the device to cpu.");
        if (!torch.cuda.is_available())
            throw new InvalidOperationException(
                $"Device '{spec}' requested, but no CUDA device is usable (torch.cuda.is_available() is false): check the NVIDIA driver and CUDA_VISIBLE_DEVICES, or set the device to cpu.");
        var count = torch.cuda.device_count();
        if (device.index >= count)
            throw new InvalidOperationException($"Device '{spec}' requested, but only {count} CUDA device(s) are visible (cuda:0 .. cuda:{count - 1}).");
        return device;
    }
}
