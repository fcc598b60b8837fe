using ActorSsl.Training.Losses;
using TorchSharp;

namespace ActorSsl.Training.Tests.Losses;

public class InfoNceSpec
{
    [Fact]
    public void Loss_must_match_the_hand_computed_value()
    {
        TorchRuntime.EnsureAvailable();
        using var scope = torch.NewDisposeScope();
        // q = k = (1,0); queue = {(0,1), (-1,0)}; τ = 0.5 → logits = (1, 0, −1)/0.5 = (2, 0, −2)
        // loss = −log(e² / (e² + e⁰ + e⁻²)) = log(1 + e⁻² + e⁻⁴) = log(1.153650…) = 0.142932…
        var q = torch.tensor(new float[] { 1, 0 }, new long[] { 1, 2 });
        var k = torch.tensor(new float[] { 1, 0 }, new long[] { 1, 2 });
        var queue = torch.tensor(new float[] { 0, 1, -1, 0 }, new long[] { 2, 2 });
        using var invTau = 2.0.ToScalar();
        var loss = InfoNce.Loss(q, k, queue, invTau).item<float>();
        Assert.Equal(Math.Log(1 + Math.Exp(-2) + Math.Exp(-4)), loss, 5);
    }

    [Fact]
    public void Batch_loss_must_be_the_mean_over_queries()
    {
        TorchRuntime.EnsureAvailable();
        using var scope = torch.NewDisposeScope();
        // Second query (0,1) with key (0,1): logits (1, 1, 0)/1 → loss = log(e + e + 1) − 1 = 0.551444…
        var q = torch.tensor(new float[] { 1, 0, 0, 1 }, new long[] { 2, 2 });
        var k = torch.tensor(new float[] { 1, 0, 0, 1 }, new long[] { 2, 2 });
        var queue = torch.tensor(new float[] { 0, 1, -1, 0 }, new long[] { 2, 2 });
        using var invTau = 1.0.ToScalar();
        var first = Math.Log(Math.E + 1 + Math.Exp(-1)) - 1;   // logits (1, 0, −1)
        var second = Math.Log(2 * Math.E + 1) - 1;
        Assert.Equal((first + second) / 2, InfoNce.Loss(q, k, queue, invTau).item<float>(), 5);
    }

    [Fact]
    public void Gradient_must_match_finite_differences()
    {
        TorchRuntime.EnsureAvailable();
        using var scope = torch.NewDisposeScope();
        var generator = new torch.Generator(7);
        var qData = torch.randn(new long[] { 3, 4 }, generator: generator, dtype: torch.float64);
        var k = torch.nn.functional.normalize(torch.randn(new long[] { 3, 4 }, generator: generator, dtype: torch.float64), dim: 1);
        var queue = torch.nn.functional.normalize(torch.randn(new long[] { 5, 4 }, generator: generator, dtype: torch.float64), dim: 1);
        using var invTau = 5.0.ToScalar();
        var q = qData.clone().requires_grad_(true);
        InfoNce.Loss(q, k, queue, invTau).backward();
        var analytic = q.grad!.data<double>().ToArray();
        var values = qData.data<double>().ToArray();
        const double h = 1e-6;
        for (var i = 0; i < values.Length; i++)
        {
            double LossAt(double delta)
            {
                var shifted = (double[])values.Clone();
                shifted[i] += delta;
                return InfoNce.Loss(torch.tensor(shifted, new long[] { 3, 4 }), k, queue, invTau).item<double>();
            }
            var numeric = (LossAt(h) - LossAt(-h)) / (2 * h);
            Assert.Equal(numeric, analytic[i], 6);
        }
    }
}
