namespace ActorSsl.Training.Tests;

public class Bf16HardwareTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("actorssl-cpuinfo-").FullName;

    private string CpuInfo(string text)
    {
        var path = Path.Combine(_dir, Guid.NewGuid().ToString("N"));
        File.WriteAllText(path, text);
        return path;
    }

    [Fact]
    public void Must_tell_native_bfloat16_from_the_cpu_flags()
    {
        var zen4 = CpuInfo("processor\t: 0\nmodel name\t: AMD EPYC\nflags\t\t: fpu sse avx2 avx512f avx512_bf16 avx512_vnni\n\nprocessor\t: 1\nflags\t\t: fpu\n");
        var skylake = CpuInfo("processor\t: 0\nflags\t\t: fpu sse avx2 avx512f avx512bw avx512_vnni\n");
        var sapphire = CpuInfo("flags\t\t: avx512f amx_bf16 amx_tile\n");
        var graviton3 = CpuInfo("processor\t: 0\nFeatures\t: fp asimd sve bf16 i8mm\n");
        Assert.True(Bf16Hardware.CpuIsNative(zen4));
        Assert.False(Bf16Hardware.CpuIsNative(skylake));
        Assert.True(Bf16Hardware.CpuIsNative(sapphire));
        Assert.True(Bf16Hardware.CpuIsNative(graviton3));
        Assert.Null(Bf16Hardware.CpuIsNative(Path.Combine(_dir, "missing")));
        Assert.Null(Bf16Hardware.CpuIsNative(CpuInfo("processor\t: 0\n")));
    }

    [Fact]
    public void Must_warn_only_for_bf16_on_a_cpu_without_it()
    {
        var skylake = CpuInfo("flags\t\t: fpu avx512f\n");
        var zen4 = CpuInfo("flags\t\t: avx512f avx512_bf16\n");
        Assert.Contains("precision = bf16", Bf16Hardware.Warning("bf16", "cpu", skylake));
        Assert.Null(Bf16Hardware.Warning("fp32", "cpu", skylake));
        Assert.Null(Bf16Hardware.Warning("bf16", "cpu", zen4));
        Assert.Null(Bf16Hardware.Warning("bf16", "cuda:0", skylake));
    }

    [Fact]
    public void Auto_must_pick_bf16_only_on_a_cpu_that_has_it()
    {
        var skylake = CpuInfo("flags\t\t: fpu avx512f\n");
        var zen4 = CpuInfo("flags\t\t: avx512f avx512_bf16\n");
        Assert.Equal("bf16", Bf16Hardware.Resolve("auto", "cpu", zen4));
        Assert.Equal("fp32", Bf16Hardware.Resolve("auto", "cpu", skylake));
        Assert.Equal("fp32", Bf16Hardware.Resolve("auto", "cpu", Path.Combine(_dir, "missing")));
        Assert.Equal("fp32", Bf16Hardware.Resolve("auto", "cuda:0", zen4));
        Assert.Equal("bf16", Bf16Hardware.Resolve("bf16", "cpu", skylake));   // explicit wins (and warns)
        Assert.Equal("fp32", Bf16Hardware.Resolve("fp32", "cpu", zen4));
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
