using ActorSsl.Training;
using TorchSharp;

namespace ActorSsl.Training.Tests;

public class DeviceSelectorTests
{
    [Theory]
    [InlineData("cpu", DeviceType.CPU, -1)]
    [InlineData(" CPU ", DeviceType.CPU, -1)]
    [InlineData("cuda", DeviceType.CUDA, 0)]
    [InlineData("cuda:0", DeviceType.CUDA, 0)]
    [InlineData("cuda:3", DeviceType.CUDA, 3)]
    public void Parses_valid_device_strings(string spec, DeviceType type, int index)
    {
        var device = DeviceSelector.Parse(spec);
        Assert.Equal(type, device.type);
        Assert.Equal(index, device.index);
    }

    [Theory]
    [InlineData("")]
    [InlineData("gpu")]
    [InlineData("mps")]
    [InlineData("cuda:")]
    [InlineData("cuda:-1")]
    [InlineData("cuda:+1")]
    [InlineData("cuda:x")]
    [InlineData("cuda:0:1")]
    [InlineData("cpu:0")]
    public void Rejects_invalid_device_strings(string spec)
    {
        var e = Assert.Throws<FormatException>(() => DeviceSelector.Parse(spec));
        Assert.Contains("expected cpu, cuda or cuda:N", e.Message);
    }

    [Fact]
    public void Cpu_is_always_selectable()
    {
        Assert.Equal(DeviceType.CPU, DeviceSelector.Select("cpu").type);
    }

    [Fact]
    public void Cuda_on_a_cpu_build_fails_with_the_build_switch_in_the_message()
    {
        Assert.Equal("cpu", TorchRuntime.Backend); // tests are built with the default backend
        var e = Assert.Throws<InvalidOperationException>(() => DeviceSelector.Select("cuda:0"));
        Assert.Contains("-p:TorchBackend=cuda", e.Message);
    }
}
