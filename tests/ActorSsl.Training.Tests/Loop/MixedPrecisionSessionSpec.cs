using ActorSsl.Training.Loop;
using ActorSsl.Training.Tests.Methods;
using TorchSharp;
using static TorchSharp.torch;

namespace ActorSsl.Training.Tests.Loop;

/// <summary>
/// <c>train.precision = bf16</c> trains every method through the same session: the loss of the first step (same
/// initial weights) agrees with full precision to bfloat16's accuracy, a short run stays finite, and parameters and
/// optimizer state stay float32.
/// </summary>
public class MixedPrecisionSessionSpec : IDisposable
{
    private readonly int _threads;
    private readonly bool _oneDnn;

    public MixedPrecisionSessionSpec()
    {
        TorchRuntime.EnsureAvailable();
        _threads = torch.get_num_threads();
        _oneDnn = OneDnn.Enabled;
    }

    public static TheoryData<string> AllMethods() => MethodRunSpec.AllMethods();

    [Theory]
    [MemberData(nameof(AllMethods))]
    public void Bf16_must_train_like_fp32_within_bfloat16_accuracy(string method)
    {
        // oneDNN on, as a real run has it (widths 16-16-16 are multiples of its block), so its bfloat16 kernels are used.
        var options = MethodRunSpec.Options(method) with { OneDnnMode = "on" };
        using var full = new TrainingSession(options);
        using var mixed = new TrainingSession(options with { Precision = "bf16" });
        var fullLosses = Train(full, 6);
        var mixedLosses = Train(mixed, 6);

        Assert.All(mixedLosses, l => Assert.True(double.IsFinite(l), $"{method}: loss {l}"));
        var first = Math.Abs(mixedLosses[0] - fullLosses[0]) / Math.Max(Math.Abs(fullLosses[0]), 1e-3);
        Assert.True(first < 0.05, $"{method}: first loss {mixedLosses[0]} (bf16) vs {fullLosses[0]} (fp32)");
        Assert.NotEqual(fullLosses, mixedLosses);   // bf16 really computed something else
        Assert.All(mixed.Method.Online.parameters(), p => Assert.Equal(ScalarType.Float32, p.dtype));
        Assert.All(mixed.Method.State(), s => Assert.NotEqual(ScalarType.BFloat16, s.Tensor.dtype));
        Assert.Null(ActorSsl.Training.Models.MixedPrecision.ComputeType);   // the step leaves the thread in full precision
    }

    private static List<double> Train(TrainingSession session, int steps)
    {
        var losses = new List<double>();
        for (var step = 0; step < steps; step++)
        {
            using var batch = MethodRunSpec.SyntheticBatch(step);
            losses.Add(session.Step(batch).Loss);
        }
        return losses;
    }

    public void Dispose()
    {
        torch.set_num_threads(_threads);
        OneDnn.Enabled = _oneDnn;
    }
}
