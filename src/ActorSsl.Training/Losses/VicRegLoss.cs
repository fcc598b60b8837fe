using TorchSharp;
using static TorchSharp.torch;

namespace ActorSsl.Training.Losses;

/// <summary>
/// The VICReg loss and its three unweighted terms, for logging. All four tensors are 0-d and live in the
/// caller's dispose scope; only <see cref="Total"/> needs to be back-propagated.
/// </summary>
/// <param name="Total">λ·Invariance + μ·Variance + ν·Covariance.</param>
/// <param name="Invariance">s(Z, Z′): mean squared error between the two views.</param>
/// <param name="Variance">[v(Z) + v(Z′)] / 2: the hinge on each dimension's standard deviation, averaged over the two views.</param>
/// <param name="Covariance">c(Z) + c(Z′): squared off-diagonal covariances divided by D, summed over the two views.</param>
public sealed record VicRegTerms(Tensor Total, Tensor Invariance, Tensor Variance, Tensor Covariance);

/// <summary>
/// VICReg (Bardes et al. 2022, eq. 1–6), in the scaling of the authors' code:
/// ℓ(Z, Z′) = λ·s(Z, Z′) + μ·[v(Z) + v(Z′)]/2 + ν·[c(Z) + c(Z′)] with
/// <list type="bullet">
/// <item>invariance s = mean over the N·D entries of (Z − Z′)²;</item>
/// <item>variance v(Z) = (1/D) Σⱼ max(0, γ − √(Var(zʲ) + ε)), Var the unbiased variance of dimension j over the batch;</item>
/// <item>covariance c(Z) = (1/D) Σ_{i≠j} C(Z)ᵢⱼ², C(Z) = (Z − Z̄)ᵀ(Z − Z̄) / (N − 1).</item>
/// </list>
/// Defaults λ = μ = 25, ν = 1, γ = 1, ε = 1e-4.
/// </summary>
/// <remarks>
/// The paper's eq. 6 reads λ·s + μ·[v(Z) + v(Z′)] + ν·[c(Z) + c(Z′)] with s summed over dimensions (eq. 5); the
/// 25/25/1 weights were tuned with the authors' code (facebookresearch/vicreg, main_vicreg.py), which uses
/// <c>F.mse_loss</c> for s (÷ N·D) and halves the variance term, so that is what is computed here: μ = 25 here is
/// μ = 12.5 in eq. 6's notation.
/// </remarks>
public sealed class VicRegLoss : IDisposable
{
    private readonly Scalar _invarianceWeight;
    private readonly Scalar _varianceWeight;
    private readonly Scalar _covarianceWeight;
    private readonly Scalar _gamma;
    private readonly Scalar _epsilon;
    private readonly Scalar _one = 1.0.ToScalar();

    /// <param name="invarianceWeight">λ.</param>
    /// <param name="varianceWeight">μ.</param>
    /// <param name="covarianceWeight">ν.</param>
    /// <param name="gamma">γ, the target standard deviation of each dimension.</param>
    /// <param name="epsilon">ε, added to the variance before the square root (keeps the gradient finite at zero variance).</param>
    public VicRegLoss(double invarianceWeight = 25, double varianceWeight = 25, double covarianceWeight = 1, double gamma = 1, double epsilon = 1e-4)
    {
        foreach (var (value, name) in new[] { (invarianceWeight, nameof(invarianceWeight)), (varianceWeight, nameof(varianceWeight)), (covarianceWeight, nameof(covarianceWeight)), (gamma, nameof(gamma)) })
            if (!(value >= 0) || double.IsInfinity(value)) throw new ArgumentOutOfRangeException(name, value, "must be finite and non-negative");
        if (!(epsilon > 0) || double.IsInfinity(epsilon)) throw new ArgumentOutOfRangeException(nameof(epsilon), epsilon, "ε must be positive and finite");
        InvarianceWeight = invarianceWeight;
        VarianceWeight = varianceWeight;
        CovarianceWeight = covarianceWeight;
        Gamma = gamma;
        Epsilon = epsilon;
        _invarianceWeight = invarianceWeight.ToScalar();
        _varianceWeight = varianceWeight.ToScalar();
        _covarianceWeight = covarianceWeight.ToScalar();
        _gamma = gamma.ToScalar();
        _epsilon = epsilon.ToScalar();
    }

    public double InvarianceWeight { get; }
    public double VarianceWeight { get; }
    public double CovarianceWeight { get; }
    public double Gamma { get; }
    public double Epsilon { get; }

    /// <summary>The loss for the two views' embeddings <paramref name="z1"/>, <paramref name="z2"/> ([N,D], N ≥ 2).</summary>
    public VicRegTerms Loss(Tensor z1, Tensor z2)
    {
        if (z1.dim() != 2 || !z1.shape.SequenceEqual(z2.shape)) throw new ArgumentException($"views must both be [N,D], got [{string.Join(",", z1.shape)}] and [{string.Join(",", z2.shape)}]");
        var n = z1.shape[0];
        if (n < 2) throw new ArgumentException("variance and covariance over the batch need at least two samples");

        var invariance = nn.functional.mse_loss(z1, z2);

        using var centred1 = Centre(z1);
        using var centred2 = Centre(z2);

        using var hinge1 = StdHinge(centred1);
        using var hinge2 = StdHinge(centred2);
        using var hinges = torch.cat(new[] { hinge1, hinge2 }, 0);
        var variance = hinges.mean();                          // (mean₁ + mean₂) / 2: both have D entries

        using var inverseNMinusOne = (1.0 / (n - 1)).ToScalar();
        using var inverseD = (1.0 / z1.shape[1]).ToScalar();
        using var offDiagonal1 = OffDiagonalCovarianceSquared(centred1, inverseNMinusOne);
        using var offDiagonal2 = OffDiagonalCovarianceSquared(centred2, inverseNMinusOne);
        using var offDiagonal = offDiagonal1.add(offDiagonal2, _one);
        var covariance = offDiagonal.mul(inverseD);

        using var weightedInvariance = invariance.mul(_invarianceWeight);
        using var withVariance = weightedInvariance.add(variance, _varianceWeight);
        var total = withVariance.add(covariance, _covarianceWeight);
        return new VicRegTerms(total, invariance, variance, covariance);
    }

    private static Tensor Centre(Tensor z)
    {
        using var mean = z.mean(new long[] { 0 }, keepdim: true);
        return z.sub(mean);
    }

    /// <summary>max(0, γ − √(Var + ε)) per dimension, [D].</summary>
    private Tensor StdHinge(Tensor centred)
    {
        using var variance = centred.var(0, unbiased: true);
        using var shifted = variance.add(_epsilon, _one);
        using var std = shifted.sqrt();
        using var excess = std.sub(_gamma);
        using var shortfall = excess.neg();
        return shortfall.relu();
    }

    private static Tensor OffDiagonalCovarianceSquared(Tensor centred, Scalar inverseNMinusOne)
    {
        using var transposed = centred.t();
        using var product = transposed.matmul(centred);
        using var covariance = product.mul(inverseNMinusOne);
        return OffDiagonal.SquaredSum(covariance);
    }

    public void Dispose()
    {
        _invarianceWeight.Dispose();
        _varianceWeight.Dispose();
        _covarianceWeight.Dispose();
        _gamma.Dispose();
        _epsilon.Dispose();
        _one.Dispose();
    }
}
