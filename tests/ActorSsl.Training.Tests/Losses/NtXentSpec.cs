using ActorSsl.Training.Losses;
using TorchSharp;
using static ActorSsl.Training.Tests.Losses.GradientCheck;

namespace ActorSsl.Training.Tests.Losses;

public class NtXentSpec
{
    public NtXentSpec() => TorchRuntime.EnsureAvailable();

    [Fact]
    public void Identical_views_of_orthogonal_samples_must_give_the_hand_computed_value()
    {
        using var scope = torch.NewDisposeScope();
        using var loss = new NtXent(temperature: 0.5);
        // Embeddings (2,0), (0,3) | (2,0), (0,3) normalise to a, b | a, b. Anchor a: positive a (cos 1),
        // negatives b and b (cos 0); logits (2, 0, 0) → ℓ = −log(e² / (e² + 2)) = log(1 + 2e⁻²), the same for
        // all four anchors by symmetry.
        var z = Matrix([[2, 0], [0, 3]]);
        Assert.Equal(Math.Log(1 + 2 * Math.Exp(-2)), loss.Loss(z, z).item<double>(), 1e-12);
    }

    [Fact]
    public void Swapped_views_must_give_the_hand_computed_value()
    {
        using var scope = torch.NewDisposeScope();
        using var loss = new NtXent(temperature: 1);
        // View 1: a=(1,0), b=(0,1); view 2: a′=(0,1), b′=(1,0). Anchor a: positive a′ (cos 0), negatives b (0)
        // and b′ (1) → ℓ = −log(e⁰ / (e⁰ + e⁰ + e¹)) = log(2 + e); every anchor sees the same.
        var z1 = Matrix([[1, 0], [0, 1]]);
        var z2 = Matrix([[0, 1], [1, 0]]);
        Assert.Equal(Math.Log(2 + Math.E), loss.Loss(z1, z2).item<double>(), 1e-12);
    }

    [Fact]
    public void Loss_must_match_a_plain_double_reference_on_random_embeddings()
    {
        using var scope = torch.NewDisposeScope();
        using var loss = new NtXent(temperature: 0.2);
        var z1 = Rows(RandomValues(12, seed: 1), 3, 4);
        var z2 = Rows(RandomValues(12, seed: 2), 3, 4);
        Assert.Equal(Reference(z1, z2, 0.2), loss.Loss(Matrix(z1), Matrix(z2)).item<double>(), 1e-10);
    }

    [Fact]
    public void Loss_must_not_depend_on_view_order_or_sample_order()
    {
        using var scope = torch.NewDisposeScope();
        using var loss = new NtXent(temperature: 0.3);
        var z1 = Rows(RandomValues(20, seed: 3), 5, 4);
        var z2 = Rows(RandomValues(20, seed: 4), 5, 4);
        var expected = loss.Loss(Matrix(z1), Matrix(z2)).item<double>();
        Assert.Equal(expected, loss.Loss(Matrix(z2), Matrix(z1)).item<double>(), 1e-12);
        int[] order = [3, 0, 4, 2, 1];
        Assert.Equal(expected, loss.Loss(Matrix(order.Select(i => z1[i]).ToArray()), Matrix(order.Select(i => z2[i]).ToArray())).item<double>(), 1e-12);
    }

    [Fact]
    public void Float32_loss_must_match_the_float64_loss()
    {
        using var scope = torch.NewDisposeScope();
        using var loss = new NtXent(temperature: 0.1);
        var z = RandomValues(48, seed: 5);
        var wide = torch.tensor(z, new long[] { 12, 4 });
        var narrow = wide.to(torch.float32);
        Assert.Equal(
            loss.Loss(wide.narrow(0, 0, 6), wide.narrow(0, 6, 6)).item<double>(),
            loss.Loss(narrow.narrow(0, 0, 6), narrow.narrow(0, 6, 6)).item<float>(), 1e-5);
    }

    [Fact]
    public void Gradient_with_respect_to_both_views_must_match_finite_differences()
    {
        using var loss = new NtXent(temperature: 0.5);
        AssertMatchesFiniteDifferences(RandomValues(18, seed: 6), [6, 3], x => loss.Loss(x.narrow(0, 0, 3), x.narrow(0, 3, 3)));
    }

    [Fact]
    public void Temperature_must_be_positive()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new NtXent(0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new NtXent(double.NaN));
    }

    /// <summary>SimCLR's eq. 1 with loops: every one of the 2N embeddings is an anchor.</summary>
    private static double Reference(double[][] z1, double[][] z2, double tau)
    {
        var z = z1.Concat(z2).Select(Normalise).ToArray();
        var n = z1.Length;
        var total = 0.0;
        for (var i = 0; i < 2 * n; i++)
        {
            var positive = (i + n) % (2 * n);
            var denominator = 0.0;
            for (var k = 0; k < 2 * n; k++)
                if (k != i) denominator += Math.Exp(Dot(z[i], z[k]) / tau);
            total += -(Dot(z[i], z[positive]) / tau - Math.Log(denominator));
        }
        return total / (2 * n);
    }

    private static double Dot(double[] a, double[] b) => a.Zip(b, (x, y) => x * y).Sum();

    private static double[] Normalise(double[] v)
    {
        var norm = Math.Sqrt(Dot(v, v));
        return v.Select(x => x / norm).ToArray();
    }
}
