using ActorSsl.Training.Evaluation;
using TorchSharp;
using static TorchSharp.torch;

namespace ActorSsl.Training.Tests.Evaluation;

public sealed class LinearProbeTests
{
    public LinearProbeTests() => TorchRuntime.EnsureAvailable();

    /// <summary>
    /// Three Gaussian blobs (σ = 1) whose centres sit 12σ apart along different axes, plus an offset and a scale of 50 so
    /// the probe's standardisation matters: separable in practice (a point would need a 6σ excursion to cross).
    /// </summary>
    private static (Tensor X, Tensor Y) Blobs(int n, ulong seed)
    {
        var g = new Generator(seed, CPU);
        var y = randint(0, 3, [n], ScalarType.Int64, generator: g);
        var centres = eye(3, 16).mul(12f.ToScalar());
        var x = randn(n, 16, generator: g).add(centres.index_select(0, y));
        return (x.mul(50f.ToScalar()).add(1000f.ToScalar()), y);
    }

    [Fact]
    public void Separable_classes_are_learned_perfectly()
    {
        using var scope = NewDisposeScope();
        var (xTrain, yTrain) = Blobs(2000, 1);
        var (xTest, yTest) = Blobs(500, 2);

        // 8 steps per epoch only, so a larger step than the default (tuned for tens of thousands of rows) to converge.
        var result = LinearProbe.Evaluate(xTrain, yTrain, xTest, yTest, numClasses: 3, new LinearProbeOptions(LearningRate: 0.01));

        Assert.True(result.TestTop1 >= 99.5, $"test top-1 {result.TestTop1}");
        Assert.True(result.TrainTop1 >= 99.5, $"train top-1 {result.TrainTop1}");
        Assert.True(result.TrainLoss < 0.05, $"train loss {result.TrainLoss}");
    }

    [Fact]
    public void Random_labels_give_chance_accuracy_on_the_test_split()
    {
        using var scope = NewDisposeScope();
        var g = new Generator(5, CPU);
        var xTrain = randn(2000, 32, generator: g);
        var yTrain = randint(0, 10, [2000], ScalarType.Int64, generator: g);
        var xTest = randn(2000, 32, generator: g);
        var yTest = randint(0, 10, [2000], ScalarType.Int64, generator: g);

        var result = LinearProbe.Evaluate(xTrain, yTrain, xTest, yTest, numClasses: 10, new LinearProbeOptions(Epochs: 10));

        // Chance is 10 %; with 2000 test rows one standard deviation is 0.67 points.
        Assert.InRange(result.TestTop1, 6.0, 14.0);
        Assert.True(result.TrainTop1 > result.TestTop1, $"train {result.TrainTop1} should exceed test {result.TestTop1} (memorised noise)");
    }

    [Fact]
    public void The_same_seed_gives_the_same_result()
    {
        using var scope = NewDisposeScope();
        var g = new Generator(9, CPU);
        var x = randn(600, 8, generator: g);
        var y = randint(0, 4, [600], ScalarType.Int64, generator: g);
        var options = new LinearProbeOptions(Epochs: 3, BatchSize: 64, LearningRate: 0.01, Seed: 42);

        var a = LinearProbe.Evaluate(x, y, x, y, 4, options);
        random.manual_seed(123); // the global RNG must not matter
        var b = LinearProbe.Evaluate(x, y, x, y, 4, options);

        Assert.Equal(a, b);
    }

    [Fact]
    public void The_intra_op_thread_setting_is_restored()
    {
        using var scope = NewDisposeScope();
        var x = randn(64, 4);
        var y = randint(0, 2, [64], ScalarType.Int64);
        var before = get_num_threads();

        LinearProbe.Evaluate(x, y, x, y, 2, new LinearProbeOptions(Epochs: 1, IntraOpThreads: 1));

        Assert.Equal(before, get_num_threads());
    }

    [Fact]
    public void Rejects_mismatched_shapes_and_labels()
    {
        using var scope = NewDisposeScope();
        var x = zeros(10, 4);
        var y = zeros([10], ScalarType.Int64);
        Assert.Throws<ArgumentException>(() => LinearProbe.Evaluate(x, y, zeros(5, 3), zeros([5], ScalarType.Int64), 2));
        Assert.Throws<ArgumentException>(() => LinearProbe.Evaluate(x, y.add(5.ToScalar()), x, y, 2));
        Assert.Throws<ArgumentOutOfRangeException>(() => LinearProbe.Evaluate(x, y, x, y, 2, new LinearProbeOptions(Epochs: 0)));
    }
}
