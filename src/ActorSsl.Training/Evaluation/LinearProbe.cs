using TorchSharp;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace ActorSsl.Training.Evaluation;

/// <summary>
/// The standard linear evaluation of a frozen representation: multinomial logistic regression (one Linear layer,
/// cross-entropy, Adam) on pooled features of the train split, top-1 accuracy on the test split.
/// </summary>
/// <remarks>
/// Features are standardised with the train split's per-dimension mean and std first, so one learning rate suits
/// any backbone's feature scale. The layer starts at zero (the problem is convex, so nothing is lost) and the
/// mini-batch order comes from a private seeded <see cref="Generator"/>: the result depends only on the inputs and
/// the options, and the global RNG is left untouched. One dispose scope per step keeps memory flat.
/// By default it runs with one libtorch intra-op thread (see <see cref="LinearProbeOptions.IntraOpThreads"/>); that
/// setting is process-wide, so torch work on other threads during the probe gets one thread too.
/// </remarks>
public static class LinearProbe
{
    private const int EvaluationChunk = 4096;

    /// <param name="trainFeatures">float [Ntrain,D] frozen features (un-normalised pooled features are the usual choice).</param>
    /// <param name="trainLabels">int64 [Ntrain] in 0..numClasses-1.</param>
    /// <param name="testFeatures">float [Ntest,D] on the same device.</param>
    /// <param name="testLabels">int64 [Ntest].</param>
    public static LinearProbeResult Evaluate(Tensor trainFeatures, Tensor trainLabels, Tensor testFeatures, Tensor testLabels,
        int numClasses, LinearProbeOptions? options = null)
    {
        options ??= new LinearProbeOptions();
        options.Validate();
        Validate(trainFeatures, trainLabels, numClasses, "train");
        Validate(testFeatures, testLabels, numClasses, "test");
        if (trainFeatures.shape[1] != testFeatures.shape[1])
            throw new ArgumentException($"train features have {trainFeatures.shape[1]} dimensions, test features {testFeatures.shape[1]}");

        var previousThreads = get_num_threads();
        if (options.IntraOpThreads is { } threads) set_num_threads(threads);
        try
        {
            return Fit(trainFeatures, trainLabels, testFeatures, testLabels, numClasses, options);
        }
        finally
        {
            if (options.IntraOpThreads is not null) set_num_threads(previousThreads);
        }
    }

    private static LinearProbeResult Fit(Tensor trainFeatures, Tensor trainLabels, Tensor testFeatures, Tensor testLabels,
        int numClasses, LinearProbeOptions options)
    {
        var device = trainFeatures.device;
        var n = trainFeatures.shape[0];
        var dims = trainFeatures.shape[1];

        using var outer = NewDisposeScope();
        var (xTrain, xTest) = Standardise(trainFeatures, testFeatures.to(device));
        var yTrain = trainLabels.to(device);
        var yTest = testLabels.to(device);

        using var layer = Linear(
            Parameter(zeros([numClasses, dims], ScalarType.Float32, device).DetachFromDisposeScope()),
            Parameter(zeros([numClasses], ScalarType.Float32, device).DetachFromDisposeScope()));
        using var optimizer = optim.Adam(layer.parameters(), options.LearningRate, weight_decay: options.WeightDecay);
        using var generator = new Generator(unchecked((ulong)options.Seed), CPU);

        for (var epoch = 0; epoch < options.Epochs; epoch++)
        {
            using var epochScope = NewDisposeScope();
            var order = randperm(n, generator: generator).to(device);
            for (long start = 0; start < n; start += options.BatchSize)
            {
                using var step = NewDisposeScope();
                var rows = order.narrow(0, start, Math.Min(options.BatchSize, n - start));
                var loss = functional.cross_entropy(layer.call(xTrain.index_select(0, rows)), yTrain.index_select(0, rows));
                optimizer.zero_grad();
                loss.backward();
                optimizer.step();
            }
        }

        using var noGrad = no_grad();
        var (trainTop1, trainLoss) = Score(layer, xTrain, yTrain);
        var (testTop1, _) = Score(layer, xTest, yTest);
        return new LinearProbeResult(trainTop1, testTop1, trainLoss);
    }

    /// <summary>(x − mean) / std with the train split's statistics; constant dimensions are divided by 1, not 0.</summary>
    private static (Tensor Train, Tensor Test) Standardise(Tensor train, Tensor test)
    {
        using var tiny = 1e-6.ToScalar();
        var trainF = train.to_type(ScalarType.Float32);
        var testF = test.to_type(ScalarType.Float32);
        var (std, mean) = trainF.std_mean(0, unbiased: false, keepdim: true);
        var safeStd = where(std.lt(tiny), ones_like(std), std);
        return (trainF.sub(mean).div_(safeStd), testF.sub(mean).div_(safeStd));
    }

    /// <summary>Top-1 % and mean cross-entropy of <paramref name="layer"/> on (x, y), in chunks.</summary>
    private static (double Top1, double Loss) Score(Module<Tensor, Tensor> layer, Tensor x, Tensor y)
    {
        var n = x.shape[0];
        long correct = 0;
        double lossSum = 0;
        for (long start = 0; start < n; start += EvaluationChunk)
        {
            using var scope = NewDisposeScope();
            var count = Math.Min(EvaluationChunk, n - start);
            var logits = layer.call(x.narrow(0, start, count));
            var labels = y.narrow(0, start, count);
            correct += logits.argmax(1).eq(labels).sum().item<long>();
            lossSum += functional.cross_entropy(logits, labels, reduction: Reduction.Sum).item<float>();
        }
        return (100.0 * correct / n, lossSum / n);
    }

    private static void Validate(Tensor features, Tensor labels, int numClasses, string split)
    {
        ArgumentNullException.ThrowIfNull(features);
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentOutOfRangeException.ThrowIfLessThan(numClasses, 2);
        if (features.dim() != 2 || features.shape[0] == 0)
            throw new ArgumentException($"{split} features must be a non-empty [N,D], not [{string.Join(",", features.shape)}]");
        if (labels.dtype != ScalarType.Int64 || labels.dim() != 1 || labels.shape[0] != features.shape[0])
            throw new ArgumentException($"{split} labels must be int64 [{features.shape[0]}], not {labels.dtype} [{string.Join(",", labels.shape)}]");
        using var scope = NewDisposeScope();
        var (min, max) = (labels.min().item<long>(), labels.max().item<long>());
        if (min < 0 || max >= numClasses)
            throw new ArgumentException($"{split} labels span {min}..{max}, outside 0..{numClasses - 1}");
    }
}
