using static TorchSharp.torch;

namespace ActorSsl.Training.Evaluation;

/// <summary>
/// The floor a learned representation has to beat: the same weighted kNN (<see cref="KnnClassifier"/>) on the
/// normalised pixels themselves, flattened and L2-normalised. A backbone whose kNN accuracy is below this has
/// learned nothing useful for the task (or has collapsed).
/// </summary>
public static class RawPixelBaseline
{
    /// <summary>Normalised pixels flattened to float32 [N, C·S·S] on <paramref name="device"/>, rows L2-normalised.</summary>
    public static Tensor Features(Tensor images, ImageNormalization norm, Device device, int batchSize = 1024)
    {
        using var flatten = nn.Flatten();
        return FeatureBank.Compute(flatten, images, norm, device, batchSize);
    }

    /// <summary>Top-1 accuracy in percent of the weighted kNN on raw pixels, train split as the memory bank.</summary>
    public static double Top1(LabelledImages train, LabelledImages test, ImageNormalization norm, Device device,
        int k = KnnClassifier.DefaultK, double temperature = KnnClassifier.DefaultTemperature)
    {
        ArgumentNullException.ThrowIfNull(train);
        ArgumentNullException.ThrowIfNull(test);
        if (train.NumClasses != test.NumClasses)
            throw new ArgumentException($"train has {train.NumClasses} classes but test has {test.NumClasses}");
        using var scope = NewDisposeScope();
        var trainFeatures = Features(train.Images, norm, device);
        var testFeatures = Features(test.Images, norm, device);
        return KnnClassifier.Top1(trainFeatures, train.Labels, testFeatures, test.Labels, train.NumClasses, k, temperature);
    }
}
