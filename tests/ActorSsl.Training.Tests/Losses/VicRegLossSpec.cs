using ActorSsl.Training.Losses;
using TorchSharp;
using static ActorSsl.Training.Tests.Losses.GradientCheck;

namespace ActorSsl.Training.Tests.Losses;

public class VicRegLossSpec
{
    public VicRegLossSpec() => TorchRuntime.EnsureAvailable();

    [Fact]
    public void Terms_must_match_the_hand_computed_values()
    {
        using var scope = torch.NewDisposeScope();
        using var loss = new VicRegLoss();
        var z1 = Matrix([[0, 0], [1, 1]]);
        var z2 = Matrix([[0, 1], [1, 0]]);
        var terms = loss.Loss(z1, z2);
        // Invariance: differences (0,−1), (0,1) → 2 / 4 entries.
        Assert.Equal(0.5, terms.Invariance.item<double>(), 1e-12);
        // Every dimension of both views holds {0, 1}: unbiased variance ½, hinge 1 − √(½ + 10⁻⁴).
        var hinge = 1 - Math.Sqrt(0.5 + 1e-4);
        Assert.Equal(hinge, terms.Variance.item<double>(), 1e-12);
        // Centred z₁ = ±(½, ½) → C = [[½, ½], [½, ½]]; centred z₂ = ±(−½, ½) → off-diagonal −½.
        // Each view: 2 · ¼ / D = ¼; the two views sum to ½.
        Assert.Equal(0.5, terms.Covariance.item<double>(), 1e-12);
        Assert.Equal(25 * 0.5 + 25 * hinge + 1 * 0.5, terms.Total.item<double>(), 1e-12);
    }

    [Fact]
    public void Identical_spread_out_uncorrelated_views_must_cost_nothing()
    {
        using var scope = torch.NewDisposeScope();
        using var loss = new VicRegLoss();
        // Orthogonal centred columns of unbiased variance 16/3 > 1.
        var z = Matrix([[2, 2], [-2, 2], [2, -2], [-2, -2]]);
        var terms = loss.Loss(z, z);
        Assert.Equal(0, terms.Total.item<double>(), 1e-15);
        Assert.Equal(0, terms.Invariance.item<double>(), 1e-15);
        Assert.Equal(0, terms.Variance.item<double>(), 1e-15);
        Assert.Equal(0, terms.Covariance.item<double>(), 1e-15);
    }

    [Fact]
    public void A_collapsed_batch_must_pay_the_full_variance_hinge()
    {
        using var scope = torch.NewDisposeScope();
        using var loss = new VicRegLoss();
        var z = Matrix([[1, 2, 3], [1, 2, 3], [1, 2, 3]]);
        var terms = loss.Loss(z, z);
        Assert.Equal(1 - Math.Sqrt(1e-4), terms.Variance.item<double>(), 1e-12);
        Assert.Equal(0, terms.Covariance.item<double>(), 1e-15);
    }

    [Fact]
    public void Loss_must_match_a_plain_double_reference_with_custom_weights()
    {
        using var scope = torch.NewDisposeScope();
        using var loss = new VicRegLoss(invarianceWeight: 2, varianceWeight: 3, covarianceWeight: 5, gamma: 1.5, epsilon: 1e-3);
        var z1 = Rows(RandomValues(15, seed: 51, scale: 0.8), 5, 3);
        var z2 = Rows(RandomValues(15, seed: 52, scale: 0.8), 5, 3);
        var (invariance, variance, covariance) = Reference(z1, z2, gamma: 1.5, epsilon: 1e-3);
        var terms = loss.Loss(Matrix(z1), Matrix(z2));
        Assert.Equal(invariance, terms.Invariance.item<double>(), 1e-12);
        Assert.Equal(variance, terms.Variance.item<double>(), 1e-12);
        Assert.Equal(covariance, terms.Covariance.item<double>(), 1e-12);
        Assert.Equal(2 * invariance + 3 * variance + 5 * covariance, terms.Total.item<double>(), 1e-11);
        Assert.True(variance > 0 && covariance > 0, "the random case must exercise every term");
    }

    [Fact]
    public void Loss_must_not_depend_on_view_order()
    {
        using var scope = torch.NewDisposeScope();
        using var loss = new VicRegLoss();
        var z1 = torch.tensor(RandomValues(24, seed: 53), new long[] { 6, 4 });
        var z2 = torch.tensor(RandomValues(24, seed: 54), new long[] { 6, 4 });
        Assert.Equal(loss.Loss(z1, z2).Total.item<double>(), loss.Loss(z2, z1).Total.item<double>(), 1e-12);
    }

    [Fact]
    public void Gradient_with_respect_to_both_views_must_match_finite_differences()
    {
        using var loss = new VicRegLoss();
        // Scaled down so that most dimensions sit below γ and the variance hinge carries gradient.
        AssertMatchesFiniteDifferences(RandomValues(30, seed: 55, scale: 0.5), [10, 3], x => loss.Loss(x.narrow(0, 0, 5), x.narrow(0, 5, 5)).Total);
    }

    /// <summary>Bardes et al. eq. 1–5 in the scaling of the authors' code, in loops.</summary>
    private static (double Invariance, double Variance, double Covariance) Reference(double[][] z1, double[][] z2, double gamma, double epsilon)
    {
        int n = z1.Length, d = z1[0].Length;
        var invariance = 0.0;
        for (var s = 0; s < n; s++)
            for (var j = 0; j < d; j++)
                invariance += (z1[s][j] - z2[s][j]) * (z1[s][j] - z2[s][j]);
        invariance /= n * d;

        double Hinge(double[][] z)
        {
            var sum = 0.0;
            for (var j = 0; j < d; j++)
            {
                var mean = z.Average(r => r[j]);
                var variance = z.Sum(r => (r[j] - mean) * (r[j] - mean)) / (n - 1);
                sum += Math.Max(0, gamma - Math.Sqrt(variance + epsilon));
            }
            return sum / d;
        }

        double OffDiagonal(double[][] z)
        {
            var means = Enumerable.Range(0, d).Select(j => z.Average(r => r[j])).ToArray();
            var sum = 0.0;
            for (var i = 0; i < d; i++)
                for (var j = 0; j < d; j++)
                {
                    if (i == j) continue;
                    var c = z.Sum(r => (r[i] - means[i]) * (r[j] - means[j])) / (n - 1);
                    sum += c * c;
                }
            return sum / d;
        }

        return (invariance, (Hinge(z1) + Hinge(z2)) / 2, OffDiagonal(z1) + OffDiagonal(z2));
    }
}
