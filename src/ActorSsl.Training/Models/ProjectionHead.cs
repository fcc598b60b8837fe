using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace ActorSsl.Training.Models;

/// <summary>
/// MoCo v2 projection MLP: Linear(in, hidden) → ReLU → Linear(hidden, out), both with bias and no BN
/// (the reference recipe uses 128 → 128 → 64). Layers keep PyTorch's default Linear init.
/// </summary>
public sealed class ProjectionHead : Module<Tensor, Tensor>
{
    private readonly Linear fc1;
    private readonly Linear fc2;

    /// <param name="inDim">Backbone feature width (<see cref="Backbone.FeatureDim"/>).</param>
    /// <param name="hiddenDim">Hidden layer width.</param>
    /// <param name="outDim">Embedding width fed to the contrastive loss.</param>
    public ProjectionHead(int inDim, int hiddenDim, int outDim) : base(nameof(ProjectionHead))
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(inDim, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(hiddenDim, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(outDim, 1);
        InDim = inDim;
        OutDim = outDim;
        fc1 = Linear(inDim, hiddenDim);
        fc2 = Linear(hiddenDim, outDim);
        RegisterComponents();
    }

    /// <summary>Input width.</summary>
    public int InDim { get; }

    /// <summary>Output (embedding) width.</summary>
    public int OutDim { get; }

    /// <inheritdoc />
    public override Tensor forward(Tensor input)
    {
        using var hidden = fc1.call(input);
        hidden.relu_();
        return fc2.call(hidden);
    }
}
