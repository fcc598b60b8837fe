using TorchSharp;
using static TorchSharp.torch;

namespace ActorSsl.Training.Losses;

/// <summary>
/// BYOL's regression loss (Grill et al. 2020, eq. 2): the normalised mean squared error between the online
/// prediction p and the target projection z, ‖p̄ − z̄‖² = 2 − 2·⟨p, z⟩ / (‖p‖·‖z‖), averaged over the batch.
/// The method symmetrises it by swapping the views: L = loss(p₁, z₂) + loss(p₂, z₁).
/// </summary>
/// <remarks>
/// <para>z must come from the target network without a graph (computed under <c>no_grad</c> or detached):
/// the stop-gradient is the caller's, as the target is a different network updated by EMA, not by this loss.
/// Gradients that reach z anyway are not blocked here.</para>
/// <para>Computed as ‖p̄ − z̄‖² rather than 2 − 2·cos: equal for unit vectors (same value and gradient), but
/// without the cancellation of 2 − 2·cos once cos is within float32's 6e-8 of 1.</para>
/// </remarks>
public static class ByolLoss
{
    /// <summary>Mean over the batch of 2 − 2·cos(p_b, z_b) for <paramref name="p"/>, <paramref name="z"/> of shape [N,D].</summary>
    public static Tensor Loss(Tensor p, Tensor z)
    {
        CheckPair(p, z);
        using var difference = NormalisedDifference(p, z);
        using var squared = difference.mul(difference);
        using var perSample = squared.sum(1);
        return perSample.mean();
    }

    /// <summary>loss(p₁, z₂) + loss(p₂, z₁): each view's prediction regresses the other view's target projection.</summary>
    public static Tensor Symmetric(Tensor p1, Tensor z2, Tensor p2, Tensor z1)
    {
        CheckPair(p1, z2);
        CheckPair(p2, z1);
        if (p1.shape[0] != p2.shape[0]) throw new ArgumentException("both views must hold the same batch");
        // Side by side, the squared sum of a row is ℓ₁(b) + ℓ₂(b), so the mean over rows is L₁ + L₂
        // without a Scalar for the addition.
        using var first = NormalisedDifference(p1, z2);
        using var second = NormalisedDifference(p2, z1);
        using var both = torch.cat(new[] { first, second }, 1);
        using var squared = both.mul(both);
        using var perSample = squared.sum(1);
        return perSample.mean();
    }

    private static Tensor NormalisedDifference(Tensor p, Tensor z)
    {
        using var pn = nn.functional.normalize(p, dim: 1);
        using var zn = nn.functional.normalize(z, dim: 1);
        return pn.sub(zn);
    }

    private static void CheckPair(Tensor p, Tensor z)
    {
        if (p.dim() != 2 || !p.shape.SequenceEqual(z.shape)) throw new ArgumentException($"prediction and target must both be [N,D], got [{string.Join(",", p.shape)}] and [{string.Join(",", z.shape)}]");
    }
}
