using TorchSharp;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace ActorSsl.Training.Evaluation;

/// <summary>
/// Runs a frozen backbone over a whole split to get one feature row per image: the input of the kNN monitor
/// (L2-normalised rows, cosine similarity = dot product) and of the linear probe (raw pooled features).
/// </summary>
public static class FeatureBank
{
    /// <summary>
    /// Features float32 [N,D] on <paramref name="device"/> for uint8 <paramref name="images"/> [N,C,S,S]
    /// (any device; batches are moved and normalised one at a time). Runs under <c>no_grad</c> with every module of
    /// <paramref name="backbone"/> in eval mode (BatchNorm uses running statistics, dropout is off) and puts each
    /// module back in the mode it had, even when the backbone throws.
    /// </summary>
    /// <param name="backbone">Maps a normalised float batch [B,C,S,S] to pooled features [B,D]; must already be on <paramref name="device"/>.</param>
    /// <param name="l2Normalize">True for unit rows (kNN); false for the raw pooled features (linear probe).</param>
    public static Tensor Compute(Module<Tensor, Tensor> backbone, Tensor images, ImageNormalization norm, Device device,
        int batchSize = 512, bool l2Normalize = true)
    {
        ArgumentNullException.ThrowIfNull(backbone);
        ArgumentNullException.ThrowIfNull(images);
        ArgumentNullException.ThrowIfNull(norm);
        ArgumentNullException.ThrowIfNull(device);
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        if (images.dim() != 4 || images.dtype != ScalarType.Byte)
            throw new ArgumentException($"images must be uint8 [N,C,S,S], not {images.dtype} [{string.Join(",", images.shape)}]", nameof(images));

        var n = images.shape[0];
        var modes = TrainingModes(backbone);
        Tensor? features = null;
        try
        {
            backbone.eval();
            using var noGrad = no_grad();
            for (long start = 0; start < n; start += batchSize)
            {
                var count = Math.Min(batchSize, n - start);
                using var scope = NewDisposeScope();
                var x = norm.Apply(images.narrow(0, start, count), device);
                var f = backbone.call(x);
                if (f.dim() != 2 || f.shape[0] != count)
                    throw new InvalidOperationException(
                        $"backbone must return pooled features [{count},D] for a batch of {count}, not [{string.Join(",", f.shape)}]");
                if (f.dtype != ScalarType.Float32) f = f.to_type(ScalarType.Float32);
                if (l2Normalize) f = functional.normalize(f, p: 2, dim: 1);
                if (features is null)
                {
                    features = empty([n, f.shape[1]], ScalarType.Float32, device).MoveToOuterDisposeScope();
                }
                features.narrow(0, start, count).copy_(f);
            }
            return features ?? empty([0, 0], ScalarType.Float32, device);
        }
        catch
        {
            features?.Dispose();
            throw;
        }
        finally
        {
            Restore(modes);
        }
    }

    /// <summary>The training flag of the backbone and every submodule, parents before children.</summary>
    private static List<(Module Module, bool Training)> TrainingModes(Module backbone)
    {
        var all = new List<(Module, bool)> { (backbone, backbone.training) };
        foreach (var m in backbone.modules())
            if (!ReferenceEquals(m, backbone)) all.Add((m, m.training));
        return all;
    }

    /// <summary>
    /// <c>train(bool)</c> recurses into children, so setting parents first and children after reproduces a mixed
    /// state exactly (e.g. a backbone in training mode with a frozen, eval-mode BatchNorm inside).
    /// </summary>
    private static void Restore(List<(Module Module, bool Training)> modes)
    {
        foreach (var (module, training) in modes) module.train(training);
    }
}
