using TorchSharp;
using static TorchSharp.torch;

namespace ActorSsl.Training.Losses;

/// <summary>
/// SimCLR's NT-Xent (Chen et al. 2020, eq. 1): over the 2N embeddings of a batch of N samples seen twice,
/// ℓ(i, j) = −log( exp(sim(zᵢ, zⱼ)/τ) / Σ_{k≠i} exp(sim(zᵢ, zₖ)/τ) ) with sim the cosine similarity, and
/// L = 1/(2N) Σ_{k=1..N} [ℓ(2k−1, 2k) + ℓ(2k, 2k−1)]: every embedding is an anchor whose positive is the other
/// view of its sample and whose 2N − 2 negatives are all the other embeddings.
/// </summary>
/// <remarks>
/// Computed as cross-entropy over the rows of the 2N×2N similarity matrix divided by τ, with the diagonal
/// (k = i) set to −∞ so that it contributes exp(−∞) = 0 to the denominator and no gradient.
/// </remarks>
public sealed class NtXent : IDisposable
{
    private readonly Scalar _inverseTemperature;
    private readonly Scalar _minusInfinity = double.NegativeInfinity.ToScalar();

    /// <param name="temperature">τ (SimCLR uses 0.5 for CIFAR-10, 0.1 for ImageNet at large batch sizes).</param>
    public NtXent(double temperature = 0.5)
    {
        if (!(temperature > 0) || double.IsInfinity(temperature)) throw new ArgumentOutOfRangeException(nameof(temperature), temperature, "τ must be positive and finite");
        Temperature = temperature;
        _inverseTemperature = (1.0 / temperature).ToScalar();
    }

    /// <summary>τ.</summary>
    public double Temperature { get; }

    /// <summary>The mean loss over the 2N anchors; <paramref name="z1"/>[b] and <paramref name="z2"/>[b] ([N,D], any norm) are the two views of sample b.</summary>
    public Tensor Loss(Tensor z1, Tensor z2)
    {
        if (z1.dim() != 2 || !z1.shape.SequenceEqual(z2.shape)) throw new ArgumentException($"views must both be [N,D], got [{string.Join(",", z1.shape)}] and [{string.Join(",", z2.shape)}]");
        var n = z1.shape[0];
        if (n < 1) throw new ArgumentException("a batch needs at least one sample");
        using var both = torch.cat(new[] { z1, z2 }, 0);              // row i and row i ± N: one sample's two views
        using var z = nn.functional.normalize(both, dim: 1);
        using var zt = z.t();
        using var cosine = z.matmul(zt);
        using var scaled = cosine.mul(_inverseTemperature);
        using var self = torch.eye(2 * n, dtype: ScalarType.Bool, device: z.device);
        using var logits = scaled.masked_fill(self, _minusInfinity);
        using var positive = PositiveIndices(n, z.device);
        return nn.functional.cross_entropy(logits, positive);
    }

    private static Tensor PositiveIndices(long n, Device device)
    {
        var index = new long[2 * n];
        for (var i = 0L; i < n; i++)
        {
            index[i] = i + n;
            index[i + n] = i;
        }
        return torch.tensor(index, device: device);
    }

    public void Dispose()
    {
        _inverseTemperature.Dispose();
        _minusInfinity.Dispose();
    }
}
