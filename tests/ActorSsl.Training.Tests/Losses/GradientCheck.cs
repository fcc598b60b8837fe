using TorchSharp;

namespace ActorSsl.Training.Tests.Losses;

/// <summary>Autograd against central differences, in float64.</summary>
internal static class GradientCheck
{
    /// <summary>
    /// Asserts that ∂loss/∂x from backward matches (loss(x + h·eᵢ) − loss(x − h·eᵢ)) / 2h for every entry of x,
    /// within <paramref name="tolerance"/> relative to that entry, plus 10⁻¹² of the largest entry so that
    /// entries that are zero up to rounding are not judged on their own. With h = 10⁻⁵ in float64 the
    /// truncation and rounding errors of the central difference are both near 10⁻¹⁰.
    /// </summary>
    public static void AssertMatchesFiniteDifferences(double[] values, long[] shape, Func<torch.Tensor, torch.Tensor> loss, double step = 1e-5, double tolerance = 1e-6)
    {
        TorchRuntime.EnsureAvailable();
        using var scope = torch.NewDisposeScope();
        var x = torch.tensor(values, shape).requires_grad_(true);
        Assert.Equal(torch.float64, x.dtype);
        loss(x).backward();
        var analytic = x.grad!.data<double>().ToArray();
        var scale = analytic.Max(Math.Abs);
        Assert.True(scale > 0, "the gradient is identically zero: nothing is checked");

        double LossAt(int i, double delta)
        {
            using var inner = torch.NewDisposeScope();
            using var noGrad = torch.no_grad();
            var shifted = (double[])values.Clone();
            shifted[i] += delta;
            return loss(torch.tensor(shifted, shape)).item<double>();
        }

        for (var i = 0; i < values.Length; i++)
        {
            var numeric = (LossAt(i, step) - LossAt(i, -step)) / (2 * step);
            var error = Math.Abs(numeric - analytic[i]);
            Assert.True(error <= tolerance * Math.Abs(analytic[i]) + 1e-12 * scale, $"entry {i}: autograd {analytic[i]:R}, finite differences {numeric:R}, relative error {error / Math.Abs(analytic[i]):E2}");
        }
    }

    /// <summary>Standard-normal float64 values from a seeded generator, times <paramref name="scale"/>.</summary>
    public static double[] RandomValues(int count, ulong seed, double scale = 1)
    {
        TorchRuntime.EnsureAvailable();
        using var scope = torch.NewDisposeScope();
        using var generator = new torch.Generator(seed);
        return torch.randn(new long[] { count }, generator: generator, dtype: torch.float64).data<double>().Select(v => v * scale).ToArray();
    }

    /// <summary>Rows of a row-major [rows, cols] array, for the plain double references.</summary>
    public static double[][] Rows(double[] values, int rows, int cols) =>
        Enumerable.Range(0, rows).Select(r => values.Skip(r * cols).Take(cols).ToArray()).ToArray();

    public static torch.Tensor Matrix(double[][] rows) =>
        torch.tensor(rows.SelectMany(r => r).ToArray(), new long[] { rows.Length, rows[0].Length });
}
