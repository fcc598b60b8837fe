using TorchSharp;
using static TorchSharp.torch;

namespace ActorSsl.Training.Losses;

/// <summary>
/// Barlow Twins' redundancy-reduction loss (Zbontar et al. 2021, eq. 1–2):
/// L = Σᵢ (1 − Cᵢᵢ)² + λ·Σᵢ Σ_{j≠i} Cᵢⱼ², where C = ẑ₁ᵀẑ₂ / N is the D×D cross-correlation of the two views'
/// embeddings after each dimension is standardised over the batch: ẑ = (z − mean) / √(var + ε).
/// </summary>
/// <remarks>
/// The variance is the biased one (÷N), as in the authors' code, which standardises with
/// <c>BatchNorm1d(affine=False)</c> in training mode (ε = 1e-5); C is then a matrix of correlation
/// coefficients (|Cᵢⱼ| ≤ 1, Cᵢᵢ = 1 for identical views, up to ε). The paper's λ is 5e-3 (its code uses 0.0051).
/// The loss is a sum over dimensions, so its scale grows with D.
/// </remarks>
public sealed class BarlowTwinsLoss : IDisposable
{
    private readonly Scalar _lambda;
    private readonly Scalar _epsilon;
    private readonly Scalar _one = 1.0.ToScalar();

    /// <param name="lambda">λ, the weight of the redundancy (off-diagonal) term.</param>
    /// <param name="epsilon">ε added to the variance before the square root.</param>
    public BarlowTwinsLoss(double lambda = 5e-3, double epsilon = 1e-5)
    {
        if (!(lambda >= 0) || double.IsInfinity(lambda)) throw new ArgumentOutOfRangeException(nameof(lambda), lambda, "λ must be finite and non-negative");
        if (!(epsilon >= 0) || double.IsInfinity(epsilon)) throw new ArgumentOutOfRangeException(nameof(epsilon), epsilon, "ε must be finite and non-negative");
        Lambda = lambda;
        Epsilon = epsilon;
        _lambda = lambda.ToScalar();
        _epsilon = epsilon.ToScalar();
    }

    /// <summary>λ.</summary>
    public double Lambda { get; }

    /// <summary>ε.</summary>
    public double Epsilon { get; }

    /// <summary>The loss for the two views' projections <paramref name="z1"/>, <paramref name="z2"/> ([N,D], N ≥ 2).</summary>
    public Tensor Loss(Tensor z1, Tensor z2)
    {
        if (z1.dim() != 2 || !z1.shape.SequenceEqual(z2.shape)) throw new ArgumentException($"views must both be [N,D], got [{string.Join(",", z1.shape)}] and [{string.Join(",", z2.shape)}]");
        var n = z1.shape[0];
        if (n < 2) throw new ArgumentException("standardising over the batch needs at least two samples");
        using var a = Standardise(z1);
        using var b = Standardise(z2);
        using var at = a.t();
        using var product = at.matmul(b);
        using var inverseN = (1.0 / n).ToScalar();
        using var c = product.mul(inverseN);
        using var diagonal = c.diagonal();
        using var gap = diagonal.sub(_one);                  // Cᵢᵢ − 1: same square as 1 − Cᵢᵢ
        using var gapSquared = gap.mul(gap);
        using var invariance = gapSquared.sum();
        using var redundancy = OffDiagonal.SquaredSum(c);
        return invariance.add(redundancy, _lambda);
    }

    private Tensor Standardise(Tensor z)
    {
        using var mean = z.mean(new long[] { 0 }, keepdim: true);
        using var variance = z.var(0, unbiased: false, keepdim: true);
        using var shifted = variance.add(_epsilon, _one);
        using var std = shifted.sqrt();
        using var centred = z.sub(mean);
        return centred.div(std);
    }

    public void Dispose()
    {
        _lambda.Dispose();
        _epsilon.Dispose();
        _one.Dispose();
    }
}
