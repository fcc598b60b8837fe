using ActorSsl.Training.Losses;
using TorchSharp;
using static ActorSsl.Training.Tests.Losses.GradientCheck;

namespace ActorSsl.Training.Tests.Losses;

public class BarlowTwinsLossSpec
{
    private const double Epsilon = 1e-5;

    // Columns (1,−1,1,−1) and (1,1,−1,−1) mapped by 2x + 3 and 2x − 1: per column mean 3 or −1, biased
    // variance 4, and the centred columns are orthogonal. Standardised, each entry is ±2/√(4 + ε), so
    // C = ẑ₁ᵀẑ₂ / 4 has entries in {0, ±c} with c = 4 / (4 + ε).
    private static readonly double[][] Decorrelated = [[5, 1], [1, 1], [5, -3], [1, -3]];
    private static readonly double C = 4 / (4 + Epsilon);

    public BarlowTwinsLossSpec() => TorchRuntime.EnsureAvailable();

    [Fact]
    public void Identical_decorrelated_views_must_give_almost_zero()
    {
        using var scope = torch.NewDisposeScope();
        using var loss = new BarlowTwinsLoss(epsilon: Epsilon);
        var z = Matrix(Decorrelated);
        // C = c·I: only ε keeps the diagonal off 1.
        Assert.Equal(2 * (1 - C) * (1 - C), loss.Loss(z, z).item<double>(), 1e-15);
        using var exact = new BarlowTwinsLoss(epsilon: 0);
        Assert.Equal(0, exact.Loss(z, z).item<double>(), 1e-14);
    }

    [Fact]
    public void Anti_correlated_views_must_pay_four_per_dimension()
    {
        using var scope = torch.NewDisposeScope();
        using var loss = new BarlowTwinsLoss(epsilon: Epsilon);
        var z1 = Matrix(Decorrelated);
        var z2 = Matrix(Decorrelated.Select(r => r.Select(v => -v).ToArray()).ToArray());
        // C = −c·I → Σ (1 + c)² over two dimensions.
        Assert.Equal(2 * (1 + C) * (1 + C), loss.Loss(z1, z2).item<double>(), 1e-12);
    }

    [Fact]
    public void Swapped_dimensions_must_pay_the_invariance_and_lambda_times_the_redundancy()
    {
        using var scope = torch.NewDisposeScope();
        using var loss = new BarlowTwinsLoss(epsilon: Epsilon);
        var z1 = Matrix(Decorrelated);
        var z2 = Matrix(Decorrelated.Select(r => new[] { r[1], r[0] }).ToArray());
        // C = [[0, c], [c, 0]] → (1 − 0)² · 2 + λ · 2c².
        Assert.Equal(2 + 5e-3 * 2 * C * C, loss.Loss(z1, z2).item<double>(), 1e-12);
    }

    [Fact]
    public void Loss_must_match_a_plain_double_reference_on_random_embeddings()
    {
        using var scope = torch.NewDisposeScope();
        using var loss = new BarlowTwinsLoss(lambda: 0.1, epsilon: Epsilon);
        var z1 = Rows(RandomValues(15, seed: 41), 5, 3);
        var z2 = Rows(RandomValues(15, seed: 42), 5, 3);
        Assert.Equal(Reference(z1, z2, 0.1, Epsilon), loss.Loss(Matrix(z1), Matrix(z2)).item<double>(), 1e-10);
    }

    [Fact]
    public void Loss_must_not_change_under_view_swap_or_per_dimension_affine_maps()
    {
        using var scope = torch.NewDisposeScope();
        using var loss = new BarlowTwinsLoss(epsilon: 0);
        var z1 = Rows(RandomValues(18, seed: 43), 6, 3);
        var z2 = Rows(RandomValues(18, seed: 44), 6, 3);
        var expected = loss.Loss(Matrix(z1), Matrix(z2)).item<double>();
        Assert.Equal(expected, loss.Loss(Matrix(z2), Matrix(z1)).item<double>(), 1e-12);
        double[] scale = [0.5, 3, 10];
        double[] shift = [-2, 7, 0.25];
        var mapped = z1.Select(r => r.Select((v, j) => scale[j] * v + shift[j]).ToArray()).ToArray();
        Assert.Equal(expected, loss.Loss(Matrix(mapped), Matrix(z2)).item<double>(), 1e-11);
    }

    [Fact]
    public void Gradient_with_respect_to_both_views_must_match_finite_differences()
    {
        using var loss = new BarlowTwinsLoss(lambda: 0.1);
        AssertMatchesFiniteDifferences(RandomValues(30, seed: 45), [10, 3], x => loss.Loss(x.narrow(0, 0, 5), x.narrow(0, 5, 5)));
    }

    /// <summary>Zbontar et al., eq. 1–2, with biased per-dimension standardisation, in loops.</summary>
    private static double Reference(double[][] z1, double[][] z2, double lambda, double epsilon)
    {
        var a = Standardise(z1, epsilon);
        var b = Standardise(z2, epsilon);
        int n = z1.Length, d = z1[0].Length;
        var loss = 0.0;
        for (var i = 0; i < d; i++)
            for (var j = 0; j < d; j++)
            {
                var c = 0.0;
                for (var s = 0; s < n; s++) c += a[s][i] * b[s][j];
                c /= n;
                loss += i == j ? (1 - c) * (1 - c) : lambda * c * c;
            }
        return loss;
    }

    private static double[][] Standardise(double[][] z, double epsilon)
    {
        int n = z.Length, d = z[0].Length;
        var result = z.Select(r => (double[])r.Clone()).ToArray();
        for (var j = 0; j < d; j++)
        {
            var mean = z.Average(r => r[j]);
            var variance = z.Sum(r => (r[j] - mean) * (r[j] - mean)) / n;
            for (var s = 0; s < n; s++) result[s][j] = (z[s][j] - mean) / Math.Sqrt(variance + epsilon);
        }
        return result;
    }
}
