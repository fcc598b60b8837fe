using TorchSharp;
using static TorchSharp.torch;

namespace ActorSsl.Training.Evaluation;

/// <summary>
/// The weighted kNN monitor of InstDisc (Wu et al. 2018) and the MoCo v2 CIFAR demo (<c>knn_predict</c>): a cheap,
/// training-free read-out of representation quality. For each test row: cosine similarity to every train row, the
/// top-k neighbours vote for their class with weight <c>exp(sim / T)</c>, the class with the largest summed weight wins.
/// </summary>
/// <remarks>
/// Features must be L2-normalised (see <see cref="FeatureBank"/>) so the dot product is the cosine similarity.
/// Test rows are processed in chunks so only a [chunk, Ntrain] similarity matrix exists at a time, each chunk in its
/// own dispose scope; 1/T is one cached <see cref="Scalar"/>, so memory stays flat however many chunks run.
/// The per-class sum is a <c>scatter_add</c> of the weights, equal to the demo's one-hot product without the
/// [chunk, k, classes] one-hot tensor.
/// </remarks>
public static class KnnClassifier
{
    public const int DefaultK = 200;
    public const double DefaultTemperature = 0.1;
    public const int DefaultChunkSize = 256;

    /// <summary>Top-1 accuracy in percent of the weighted kNN vote on <paramref name="testFeatures"/>.</summary>
    public static double Top1(Tensor trainFeatures, Tensor trainLabels, Tensor testFeatures, Tensor testLabels, int numClasses,
        int k = DefaultK, double temperature = DefaultTemperature, int chunkSize = DefaultChunkSize)
    {
        ArgumentNullException.ThrowIfNull(testFeatures);
        ArgumentNullException.ThrowIfNull(testLabels);
        if (testLabels.dim() != 1 || testLabels.shape[0] != testFeatures.shape[0])
            throw new ArgumentException($"testLabels must be [{testFeatures.shape[0]}], not [{string.Join(",", testLabels.shape)}]", nameof(testLabels));
        if (testFeatures.shape[0] == 0)
            throw new ArgumentException("there are no test features", nameof(testFeatures));

        using var scope = NewDisposeScope();
        var predictions = Predict(trainFeatures, trainLabels, testFeatures, numClasses, k, temperature, chunkSize);
        var correct = predictions.eq(testLabels.to(predictions.device)).sum().item<long>();
        return 100.0 * correct / testFeatures.shape[0];
    }

    /// <summary>Predicted class (int64 [Ntest], on the features' device) for every row of <paramref name="testFeatures"/>.</summary>
    /// <param name="trainFeatures">float [Ntrain,D], L2-normalised rows.</param>
    /// <param name="trainLabels">int64 [Ntrain] in 0..numClasses-1.</param>
    /// <param name="testFeatures">float [Ntest,D], L2-normalised rows, same device as <paramref name="trainFeatures"/>.</param>
    /// <param name="k">Neighbours per query; clamped to Ntrain.</param>
    /// <param name="temperature">T in exp(sim / T); smaller T lets the nearest neighbours dominate the vote.</param>
    public static Tensor Predict(Tensor trainFeatures, Tensor trainLabels, Tensor testFeatures, int numClasses,
        int k = DefaultK, double temperature = DefaultTemperature, int chunkSize = DefaultChunkSize)
    {
        Validate(trainFeatures, trainLabels, testFeatures, numClasses, k, temperature, chunkSize);
        var device = trainFeatures.device;
        var nTest = testFeatures.shape[0];
        var neighbours = (int)Math.Min(k, trainFeatures.shape[0]);

        using var outer = NewDisposeScope();
        using var inverseT = (1.0 / temperature).ToScalar();
        var labels = trainLabels.to(device);
        var predictions = empty([nTest], ScalarType.Int64, device);
        for (long start = 0; start < nTest; start += chunkSize)
        {
            var count = Math.Min(chunkSize, nTest - start);
            using var scope = NewDisposeScope();
            var query = testFeatures.narrow(0, start, count);
            var similarity = query.mm(trainFeatures.t());                    // [count, Ntrain]
            var (weights, index) = similarity.topk(neighbours, dim: 1);       // [count, k]
            var neighbourLabels = labels.index_select(0, index.flatten()).view(count, neighbours);
            weights.mul_(inverseT).exp_();
            var scores = zeros([count, numClasses], weights.dtype, device);
            scores.scatter_add_(1, neighbourLabels, weights);                // summed weight per class
            predictions.narrow(0, start, count).copy_(scores.argmax(1));
        }
        return predictions.MoveToOuterDisposeScope();
    }

    private static void Validate(Tensor trainFeatures, Tensor trainLabels, Tensor testFeatures, int numClasses, int k,
        double temperature, int chunkSize)
    {
        ArgumentNullException.ThrowIfNull(trainFeatures);
        ArgumentNullException.ThrowIfNull(trainLabels);
        ArgumentNullException.ThrowIfNull(testFeatures);
        ArgumentOutOfRangeException.ThrowIfLessThan(numClasses, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(k, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(chunkSize, 1);
        if (!(temperature > 0) || double.IsInfinity(temperature))
            throw new ArgumentOutOfRangeException(nameof(temperature), temperature, "temperature must be finite and positive");
        if (trainFeatures.dim() != 2 || testFeatures.dim() != 2 || trainFeatures.shape[1] != testFeatures.shape[1])
            throw new ArgumentException($"features must be [N,D] with the same D, not train [{string.Join(",", trainFeatures.shape)}] " +
                                        $"and test [{string.Join(",", testFeatures.shape)}]");
        if (trainFeatures.shape[0] == 0)
            throw new ArgumentException("there are no train features", nameof(trainFeatures));
        if (trainLabels.dtype != ScalarType.Int64 || trainLabels.dim() != 1 || trainLabels.shape[0] != trainFeatures.shape[0])
            throw new ArgumentException($"trainLabels must be int64 [{trainFeatures.shape[0]}], not {trainLabels.dtype} [{string.Join(",", trainLabels.shape)}]", nameof(trainLabels));
        if (trainFeatures.device_type != testFeatures.device_type || trainFeatures.device_index != testFeatures.device_index)
            throw new ArgumentException($"train features are on {trainFeatures.device}, test features on {testFeatures.device}");
        using var scope = NewDisposeScope();
        var (min, max) = (trainLabels.min().item<long>(), trainLabels.max().item<long>());
        if (min < 0 || max >= numClasses)
            throw new ArgumentException($"trainLabels span {min}..{max}, outside 0..{numClasses - 1}", nameof(trainLabels));
    }
}
