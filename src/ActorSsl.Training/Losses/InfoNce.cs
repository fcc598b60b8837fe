using TorchSharp;
using static TorchSharp.torch;

namespace ActorSsl.Training.Losses;

/// <summary>
/// MoCo's InfoNCE: for queries q and positive keys k (both L2-normalised, [B,D]) and a queue of negative keys
/// [K,D], logits = [q·k₊, q·queueᵀ] / τ and the loss is cross-entropy with the positive at index 0.
/// </summary>
public static class InfoNce
{
    /// <param name="inverseTemperature">1/τ as a Scalar the caller owns (a new Scalar per call would leak until GC).</param>
    public static Tensor Loss(Tensor q, Tensor k, Tensor queue, Scalar inverseTemperature)
    {
        using var positive = (q * k).sum(1, keepdim: true);          // [B,1]
        using var negative = q.matmul(queue.t());                      // [B,K]
        using var logits = torch.cat(new[] { positive, negative }, 1);
        logits.mul_(inverseTemperature);
        using var labels = torch.zeros(q.shape[0], dtype: ScalarType.Int64, device: q.device);
        return torch.nn.functional.cross_entropy(logits, labels);
    }
}
