using ActorSsl.Training;
using TorchSharp;

namespace ActorSsl.Training.Tests;

public class TorchRuntimeTests
{
    [Fact]
    public void Real_tensor_ops_run_in_the_test_process()
    {
        TorchRuntime.EnsureAvailable();
        TorchRuntime.EnsureAvailable(); // idempotent

        using var scope = torch.NewDisposeScope();
        var a = torch.tensor(new float[] { 1, 2, 3, 4 }).reshape(2, 2);
        var product = a.matmul(a).data<float>().ToArray();
        Assert.Equal(new float[] { 7, 10, 15, 22 }, product);
    }

    [Fact]
    public void EnsureAvailable_is_safe_to_call_concurrently()
    {
        Parallel.For(0, 8, _ => TorchRuntime.EnsureAvailable());
    }

    [Fact]
    public void Describe_names_versions_backend_threads_and_allocator()
    {
        var line = TorchRuntime.Describe();
        Assert.Matches(@"^TorchSharp \S+, libtorch \S+ \(cpu\), CUDA available: (no|yes \(\d+ devices\)), CPU threads: [1-9]\d*, malloc: (tcmalloc|glibc)$", line);
        Assert.EndsWith("malloc: " + TcmallocPreload.Describe(), line);
    }

    [Fact]
    public void Glibcxx_load_error_explains_the_shim_and_the_fix()
    {
        var message = TorchLoadDiagnostics.Describe(
            "/app/runtimes/linux-x64/native/libLibTorchSharp.so",
            "/lib/x86_64-linux-gnu/libstdc++.so.6: version `GLIBCXX_3.4.32' not found");
        Assert.Contains("/app/runtimes/linux-x64/native/libLibTorchSharp.so", message);
        Assert.Contains("GLIBCXX_3.4.32", message);
        Assert.Contains("apt-get install -y g++ patchelf", message);
        Assert.Contains("shim", message);
    }

    [Fact]
    public void Diagnosis_reports_the_real_loader_error_for_the_library_in_the_app_directory()
    {
        var dir = Directory.CreateTempSubdirectory("actorssl-diag-");
        try
        {
            var native = Directory.CreateDirectory(Path.Combine(dir.FullName, "runtimes", "linux-x64", "native"));
            var lib = Path.Combine(native.FullName, "libLibTorchSharp.so");
            File.WriteAllText(lib, new string('x', 4096)); // long enough to be rejected for its header, not its size

            var error = TorchLoadDiagnostics.Explain(new NotSupportedException("doesn't contain a reference"), dir.FullName);

            Assert.Contains(lib, error.Message);
            Assert.Contains("invalid ELF header", error.Message); // the loader's text, not TorchSharp's
            Assert.IsType<NotSupportedException>(error.InnerException);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [Fact]
    public void Diagnosis_says_when_the_library_is_missing()
    {
        var dir = Directory.CreateTempSubdirectory("actorssl-diag-");
        try
        {
            var error = TorchLoadDiagnostics.Explain(new NotSupportedException("x"), dir.FullName);
            Assert.Contains("no libLibTorchSharp.so under", error.Message);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }
}
