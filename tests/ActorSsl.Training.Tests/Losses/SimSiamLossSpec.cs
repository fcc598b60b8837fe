using ActorSsl.Training.Losses;
using TorchSharp;
using static ActorSsl.Training.Tests.Losses.GradientCheck;

namespace ActorSsl.Training.Tests.Losses;

public class SimSiamLossSpec
{
    public SimSiamLossSpec() => TorchRuntime.EnsureAvailable();

    [Fact]
    public void Symmetric_loss_must_be_minus_the_average_of_both_cosines()
    {
        using var scope = torch.NewDisposeScope();
        // D(p₁, z₂): (1,0)·(1,1)/√2 → cos = 1/√2. D(p₂, z₁): (0,2)·(3,4)/(2·5) → cos = 0.8.
        var p1 = Matrix([[1, 0]]);
        var z2 = Matrix([[1, 1]]);
        var p2 = Matrix([[0, 2]]);
        var z1 = Matrix([[3, 4]]);
        Assert.Equal(-(1 / Math.Sqrt(2) + 0.8) / 2, SimSiamLoss.Symmetric(p1, z2, p2, z1).item<double>(), 1e-12);
        Assert.Equal(-1 / Math.Sqrt(2), SimSiamLoss.Loss(p1, z2).item<double>(), 1e-12);
    }

    [Fact]
    public void Symmetric_loss_must_be_half_of_each_direction_on_a_batch()
    {
        using var scope = torch.NewDisposeScope();
        var p1 = torch.tensor(RandomValues(20, seed: 21), new long[] { 4, 5 });
        var z2 = torch.tensor(RandomValues(20, seed: 22), new long[] { 4, 5 });
        var p2 = torch.tensor(RandomValues(20, seed: 23), new long[] { 4, 5 });
        var z1 = torch.tensor(RandomValues(20, seed: 24), new long[] { 4, 5 });
        var expected = SimSiamLoss.Loss(p1, z2).item<double>() / 2 + SimSiamLoss.Loss(p2, z1).item<double>() / 2;
        Assert.Equal(expected, SimSiamLoss.Symmetric(p1, z2, p2, z1).item<double>(), 1e-12);
        Assert.Equal(-1, SimSiamLoss.Symmetric(p1, p1.mul(torch.tensor(3.0)), p2, p2).item<double>(), 1e-12);
    }

    [Fact]
    public void No_gradient_must_reach_the_projections()
    {
        using var scope = torch.NewDisposeScope();
        var p1 = torch.tensor(RandomValues(6, seed: 25), new long[] { 2, 3 }).requires_grad_(true);
        var p2 = torch.tensor(RandomValues(6, seed: 26), new long[] { 2, 3 }).requires_grad_(true);
        var z1 = torch.tensor(RandomValues(6, seed: 27), new long[] { 2, 3 }).requires_grad_(true);
        var z2 = torch.tensor(RandomValues(6, seed: 28), new long[] { 2, 3 }).requires_grad_(true);
        SimSiamLoss.Symmetric(p1, z2, p2, z1).backward();
        Assert.NotNull(p1.grad);
        Assert.NotNull(p2.grad);
        Assert.Null(z1.grad);
        Assert.Null(z2.grad);
    }

    [Fact]
    public void Gradient_with_respect_to_both_predictions_must_match_finite_differences()
    {
        using var scope = torch.NewDisposeScope();
        var z2 = torch.tensor(RandomValues(12, seed: 29), new long[] { 3, 4 });
        var z1 = torch.tensor(RandomValues(12, seed: 30), new long[] { 3, 4 });
        AssertMatchesFiniteDifferences(RandomValues(24, seed: 31), [6, 4], x => SimSiamLoss.Symmetric(x.narrow(0, 0, 3), z2, x.narrow(0, 3, 3), z1));
    }
}
