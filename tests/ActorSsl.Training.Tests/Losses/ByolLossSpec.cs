using ActorSsl.Training.Losses;
using TorchSharp;
using static ActorSsl.Training.Tests.Losses.GradientCheck;

namespace ActorSsl.Training.Tests.Losses;

public class ByolLossSpec
{
    public ByolLossSpec() => TorchRuntime.EnsureAvailable();

    [Fact]
    public void Loss_must_be_two_minus_twice_the_cosine_averaged_over_the_batch()
    {
        using var scope = torch.NewDisposeScope();
        // Sample 1: (1,0) vs (1,1), cos = 1/√2 → 2 − √2. Sample 2: (3,4) vs (4,3), cos = 24/25 → 2/25.
        var p = Matrix([[1, 0], [3, 4]]);
        var z = Matrix([[1, 1], [4, 3]]);
        Assert.Equal((2 - Math.Sqrt(2) + 2.0 / 25) / 2, ByolLoss.Loss(p, z).item<double>(), 1e-12);
    }

    [Fact]
    public void Loss_must_ignore_norms_and_span_zero_to_four()
    {
        using var scope = torch.NewDisposeScope();
        var p = Matrix([[1, 2, 3]]);
        Assert.Equal(0, ByolLoss.Loss(p, Matrix([[0.5, 1, 1.5]])).item<double>(), 1e-12);
        Assert.Equal(4, ByolLoss.Loss(p, Matrix([[-2, -4, -6]])).item<double>(), 1e-12);
        Assert.Equal(2, ByolLoss.Loss(p, Matrix([[3, 0, -1]])).item<double>(), 1e-12);   // orthogonal
    }

    [Fact]
    public void Symmetric_loss_must_be_the_sum_of_both_directions()
    {
        using var scope = torch.NewDisposeScope();
        var p1 = Matrix([[1, 0]]);
        var z2 = Matrix([[1, 1]]);
        var p2 = Matrix([[3, 4]]);
        var z1 = Matrix([[4, 3]]);
        Assert.Equal(2 - Math.Sqrt(2) + 2.0 / 25, ByolLoss.Symmetric(p1, z2, p2, z1).item<double>(), 1e-12);

        var a = torch.tensor(RandomValues(15, seed: 11), new long[] { 5, 3 });
        var b = torch.tensor(RandomValues(15, seed: 12), new long[] { 5, 3 });
        var c = torch.tensor(RandomValues(15, seed: 13), new long[] { 5, 3 });
        var d = torch.tensor(RandomValues(15, seed: 14), new long[] { 5, 3 });
        Assert.Equal(ByolLoss.Loss(a, b).item<double>() + ByolLoss.Loss(c, d).item<double>(), ByolLoss.Symmetric(a, b, c, d).item<double>(), 1e-12);
    }

    [Fact]
    public void Nearly_aligned_vectors_must_keep_their_small_loss_in_float32()
    {
        using var scope = torch.NewDisposeScope();
        // cos = 1/√(1 + 10⁻⁸) rounds to 1 in float32, so 2 − 2·cos would be 0; ‖p̄ − z̄‖² keeps 10⁻⁸.
        var p = torch.tensor(new float[] { 1, 1e-4f }, new long[] { 1, 2 });
        var z = torch.tensor(new float[] { 1, 0 }, new long[] { 1, 2 });
        Assert.Equal(1e-8, ByolLoss.Loss(p, z).item<float>(), 1e-11);
    }

    [Fact]
    public void Gradient_with_respect_to_both_predictions_must_match_finite_differences()
    {
        using var scope = torch.NewDisposeScope();
        var z2 = torch.tensor(RandomValues(12, seed: 15), new long[] { 3, 4 });
        var z1 = torch.tensor(RandomValues(12, seed: 16), new long[] { 3, 4 });
        AssertMatchesFiniteDifferences(RandomValues(24, seed: 17), [6, 4], x => ByolLoss.Symmetric(x.narrow(0, 0, 3), z2, x.narrow(0, 3, 3), z1));
    }
}
