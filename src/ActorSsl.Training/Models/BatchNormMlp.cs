using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace ActorSsl.Training.Models;

/// <summary>
/// The projector of BYOL, SimSiam, Barlow Twins and VICReg: for each hidden width Linear (no bias) → BatchNorm1d → ReLU,
/// then Linear(last, out) with bias, optionally followed by a BatchNorm1d without affine parameters (SimSiam's
/// projector ends with one). The hidden Linear layers have no bias because the BatchNorm after them subtracts the
/// batch mean. Training-mode BatchNorm needs batches of at least two samples.
/// </summary>
public sealed class BatchNormMlp : Module<Tensor, Tensor>
{
    private readonly Sequential layers;

    /// <param name="inDim">Input width (the backbone's feature width).</param>
    /// <param name="hiddenDims">Widths of the hidden layers, in order (at least one).</param>
    /// <param name="outDim">Output (embedding) width.</param>
    /// <param name="outputBatchNorm">Whether the output goes through an affine-free BatchNorm1d.</param>
    public BatchNormMlp(int inDim, IReadOnlyList<int> hiddenDims, int outDim, bool outputBatchNorm = false) : base(nameof(BatchNormMlp))
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(inDim, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(outDim, 1);
        if (hiddenDims.Count == 0 || hiddenDims.Any(h => h < 1)) throw new ArgumentException("at least one hidden layer, every width positive", nameof(hiddenDims));
        InDim = inDim;
        OutDim = outDim;
        var named = new List<(string, Module<Tensor, Tensor>)>();
        var width = inDim;
        for (var i = 0; i < hiddenDims.Count; i++)
        {
            named.Add(($"fc{i + 1}", Linear(width, hiddenDims[i], hasBias: false)));
            named.Add(($"bn{i + 1}", SafeBatchNorm.OneD(hiddenDims[i])));
            named.Add(($"relu{i + 1}", ReLU(inplace: true)));
            width = hiddenDims[i];
        }
        named.Add(("out", Linear(width, outDim)));
        if (outputBatchNorm) named.Add(("bn_out", SafeBatchNorm.OneD(outDim, affine: false)));
        layers = Sequential(named);
        RegisterComponents();
    }

    /// <summary>Input width.</summary>
    public int InDim { get; }

    /// <summary>Output (embedding) width.</summary>
    public int OutDim { get; }

    /// <inheritdoc />
    public override Tensor forward(Tensor input) => layers.call(input);
}
