using ActorSsl.Training.Loop;
using ActorSsl.Training.Methods;
using ActorSsl.Training.Models;
using ActorSsl.Training.Tests.Methods;
using TorchSharp;
using Xunit.Abstractions;
using static TorchSharp.torch;

namespace ActorSsl.Training.Tests.Runtime;

/// <summary>
/// A training step must survive garbage collections at any moment. TorchSharp 0.107's BatchNorm fails this within a
/// couple of seconds here ("Unknown scalar type" from <c>num_batches_tracked.add_(1)</c>: its temporary Scalars are
/// finalized during the native call), which is what stopped one full training run at step 1512.
/// </summary>
public class ScalarFinalizerRaceSpec(ITestOutputHelper output)
{
    private static readonly TimeSpan Budget = TimeSpan.FromSeconds(4);

    [Theory]
    [InlineData(4)]
    [InlineData(2)]
    public void SafeBatchNorm_must_survive_collections_during_its_forward(int rank)
    {
        TorchRuntime.EnsureAvailable();
        using var bn = rank == 4 ? SafeBatchNorm.TwoD(4) : SafeBatchNorm.OneD(4);
        bn.train();
        using var x = rank == 4 ? randn(2, 4, 2, 2) : randn(3, 4);
        var forwards = FinalizerChurn.Run(Budget, () =>
        {
            using var scope = NewDisposeScope();
            for (var i = 0; i < 100; i++) bn.call(x);
        }) * 100;
        output.WriteLine($"{forwards} forwards");
        Assert.Equal(forwards, bn.num_batches_tracked.item<long>());
    }

    public static TheoryData<string> AllMethods() => new(MethodRegistry.Names);

    [Theory]
    [MemberData(nameof(AllMethods))]
    public void Training_steps_must_survive_collections_at_any_moment(string method)
    {
        TorchRuntime.EnsureAvailable();
        var threads = get_num_threads();
        try
        {
            using var session = new TrainingSession(MethodRunSpec.Options(method) with { TotalSteps = 100_000 });
            long step = 0;
            var steps = FinalizerChurn.Run(Budget, () =>
            {
                using var batch = MethodRunSpec.SyntheticBatch(step++);
                var loss = session.Step(batch).Loss;
                Assert.True(double.IsFinite(loss), $"{method}: loss {loss} at step {step}");
            });
            output.WriteLine($"{method}: {steps} steps");
            Assert.True(steps > 0);
        }
        finally
        {
            set_num_threads(threads);
        }
    }
}
