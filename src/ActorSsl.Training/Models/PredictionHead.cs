using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace ActorSsl.Training.Models;

/// <summary>
/// The predictor of BYOL and SimSiam: Linear(dim, hidden) → BatchNorm1d → ReLU → Linear(hidden, dim), mapping
/// the online projection to a prediction of the other view's projection (BYOL: 256 → 4096 → 256; SimSiam:
/// a bottleneck, 2048 → 512 → 2048). BYOL's projector has the same shape, so this module serves there too.
/// </summary>
/// <remarks>
/// The first Linear has no bias, as in SimSiam's code: the BatchNorm that follows subtracts the batch mean,
/// which cancels any bias. The output layer has a bias and no BN. Training-mode BatchNorm needs batches of at
/// least two samples.
/// </remarks>
public sealed class PredictionHead : Module<Tensor, Tensor>
{
    private readonly Linear fc1;
    private readonly SafeBatchNorm bn1;
    private readonly Linear fc2;

    /// <param name="dim">Input and output width (the projection width).</param>
    /// <param name="hiddenDim">Hidden layer width.</param>
    public PredictionHead(int dim, int hiddenDim) : base(nameof(PredictionHead))
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(dim, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(hiddenDim, 1);
        Dim = dim;
        HiddenDim = hiddenDim;
        fc1 = Linear(dim, hiddenDim, hasBias: false);
        bn1 = SafeBatchNorm.OneD(hiddenDim);
        fc2 = Linear(hiddenDim, dim);
        RegisterComponents();
    }

    /// <summary>Input and output width.</summary>
    public int Dim { get; }

    /// <summary>Hidden layer width.</summary>
    public int HiddenDim { get; }

    /// <inheritdoc />
    public override Tensor forward(Tensor input)
    {
        using var linear = fc1.call(input);
        using var hidden = bn1.call(linear);
        hidden.relu_();
        return fc2.call(hidden);
    }
}
