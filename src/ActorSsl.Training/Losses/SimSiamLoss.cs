using TorchSharp;
using static TorchSharp.torch;

namespace ActorSsl.Training.Losses;

/// <summary>
/// SimSiam's loss (Chen and He 2021, eq. 1–4): D(p, z) = −(p/‖p‖₂)·(z/‖z‖₂) averaged over the batch, with
/// the stop-gradient on z, symmetrised as L = ½·D(p₁, stopgrad(z₂)) + ½·D(p₂, stopgrad(z₁)).
/// </summary>
/// <remarks>
/// Unlike <see cref="ByolLoss"/>, z comes from the same encoder that is being trained, so the stop-gradient
/// is part of the loss and applied here (<c>detach</c>): removing it makes SimSiam collapse (paper, fig. 2).
/// The value lies in [−1, 1]; −1 is perfect agreement.
/// </remarks>
public static class SimSiamLoss
{
    /// <summary>D(p, stopgrad(z)) for <paramref name="p"/>, <paramref name="z"/> of shape [N,D].</summary>
    public static Tensor Loss(Tensor p, Tensor z)
    {
        CheckPair(p, z);
        using var cosine = CosineToDetached(p, z);
        using var mean = cosine.mean();
        return mean.neg();
    }

    /// <summary>½·D(p₁, stopgrad(z₂)) + ½·D(p₂, stopgrad(z₁)).</summary>
    public static Tensor Symmetric(Tensor p1, Tensor z2, Tensor p2, Tensor z1)
    {
        CheckPair(p1, z2);
        CheckPair(p2, z1);
        if (p1.shape[0] != p2.shape[0]) throw new ArgumentException("both views must hold the same batch");
        using var first = CosineToDetached(p1, z2);
        using var second = CosineToDetached(p2, z1);
        // With equal batch sizes the mean over the 2N cosines is the average of the two means.
        using var both = torch.cat(new[] { first, second }, 0);
        using var mean = both.mean();
        return mean.neg();
    }

    private static Tensor CosineToDetached(Tensor p, Tensor z)
    {
        using var target = z.detach();
        using var pn = nn.functional.normalize(p, dim: 1);
        using var zn = nn.functional.normalize(target, dim: 1);
        using var product = pn.mul(zn);
        return product.sum(1);
    }

    private static void CheckPair(Tensor p, Tensor z)
    {
        if (p.dim() != 2 || !p.shape.SequenceEqual(z.shape)) throw new ArgumentException($"prediction and projection must both be [N,D], got [{string.Join(",", p.shape)}] and [{string.Join(",", z.shape)}]");
    }
}
