using ActorSsl.Data;
using ActorSsl.Training.Evaluation;
using static TorchSharp.torch;

namespace ActorSsl.Training.Loop;

/// <summary>
/// The per-epoch kNN monitor: the labelled train split is the memory bank, the test split is classified
/// (weighted kNN, cosine, k and T from config), with the backbone's pooled features in eval mode. Images are
/// loaded once, on first use, on the training thread; the raw-pixel baseline is computed once too.
/// </summary>
public sealed class KnnMonitor(ISampleSource train, ISampleSource test, int imageSize, float[] mean, float[] std,
    int k, double temperature, bool rawPixelBaseline) : IDisposable
{
    private readonly ImageNormalization _norm = new(mean, std);
    private LabelledImages? _train;
    private LabelledImages? _test;

    /// <summary>kNN top-1 (%) on raw pixels, once the first evaluation has run (null when switched off).</summary>
    public double? RawPixelTop1 { get; private set; }

    /// <summary>Every evaluation so far, in order.</summary>
    public List<(int Epoch, double Top1)> History { get; } = new();

    /// <summary>kNN top-1 (%) of <paramref name="backbone"/>'s features.</summary>
    public double Evaluate(nn.Module<Tensor, Tensor> backbone, Device device, int epoch)
    {
        EnsureLoaded(device);
        using var scope = NewDisposeScope();
        var trainFeatures = FeatureBank.Compute(backbone, _train!.Images, _norm, device);
        var testFeatures = FeatureBank.Compute(backbone, _test!.Images, _norm, device);
        var top1 = KnnClassifier.Top1(trainFeatures, _train.Labels, testFeatures, _test.Labels, _train.NumClasses, k, temperature);
        History.Add((epoch, top1));
        return top1;
    }

    /// <summary>Pooled (un-normalised) features of both splits, for a linear probe.</summary>
    public (Tensor TrainFeatures, Tensor TrainLabels, Tensor TestFeatures, Tensor TestLabels, int Classes) PooledFeatures(
        nn.Module<Tensor, Tensor> backbone, Device device)
    {
        EnsureLoaded(device);
        return (FeatureBank.Compute(backbone, _train!.Images, _norm, device, l2Normalize: false), _train.Labels,
            FeatureBank.Compute(backbone, _test!.Images, _norm, device, l2Normalize: false), _test.Labels, _train.NumClasses);
    }

    private void EnsureLoaded(Device device)
    {
        if (_train != null) return;
        if (train.ClassNames.Count == 0 || test.ClassNames.Count == 0)
            throw new InvalidOperationException($"kNN needs labelled data; {train.Name} or {test.Name} has no labels");
        _train = LabelledImages.Load(train, imageSize);
        _test = LabelledImages.Load(test, imageSize);
        // "Raw pixels" means pixels/255 with no per-channel normalisation, the baseline's usual definition.
        if (rawPixelBaseline)
            RawPixelTop1 = RawPixelBaseline.Top1(_train, _test, new ImageNormalization(new float[train.Channels], Enumerable.Repeat(1f, train.Channels).ToArray()), device, k, temperature);
    }

    public void Dispose()
    {
        _train?.Dispose();
        _test?.Dispose();
    }
}
