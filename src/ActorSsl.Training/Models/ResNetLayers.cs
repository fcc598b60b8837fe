using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace ActorSsl.Training.Models;

/// <summary>Pieces the ResNet backbones share: stage builders, torchvision's weight init and the pooled head.</summary>
internal static class ResNetLayers
{
    /// <summary>
    /// One stage of <paramref name="blocks"/> basic blocks; only the first changes stride/width (torchvision's <c>_make_layer</c>).
    /// A Sequential so that state_dict keys read <c>layerN.i.conv1.weight</c> as in torchvision.
    /// </summary>
    public static Sequential BasicStage(int inChannels, int width, int blocks, int stride)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(blocks, 1);
        var layers = new Module<Tensor, Tensor>[blocks];
        layers[0] = new BasicBlock(inChannels, width, stride);
        for (var i = 1; i < blocks; i++)
            layers[i] = new BasicBlock(width * BasicBlock.Expansion, width);
        return Sequential(layers);
    }

    /// <summary>One stage of <paramref name="blocks"/> bottlenecks, outputting <c>4 · width</c> channels.</summary>
    public static Sequential BottleneckStage(int inChannels, int width, int blocks, int stride)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(blocks, 1);
        var layers = new Module<Tensor, Tensor>[blocks];
        layers[0] = new Bottleneck(inChannels, width, stride);
        for (var i = 1; i < blocks; i++)
            layers[i] = new Bottleneck(width * Bottleneck.Expansion, width);
        return Sequential(layers);
    }

    /// <summary>
    /// torchvision ResNet init: conv weights kaiming_normal_(mode=fan_out, nonlinearity=relu), BN weight 1 and bias 0.
    /// TorchSharp's own defaults are PyTorch's layer defaults (kaiming_uniform, a=√5), which torchvision overrides.
    /// </summary>
    public static void InitWeights(Module root)
    {
        using var noGrad = torch.no_grad();
        foreach (var module in root.modules())
        {
            switch (module)
            {
                case MixedPrecisionConv2d conv:
                    init.kaiming_normal_(conv.weight, mode: init.FanInOut.FanOut, nonlinearity: init.NonlinearityType.ReLU);
                    break;
                case SafeBatchNorm bn:
                    init.ones_(bn.weight!);
                    init.zeros_(bn.bias!);
                    break;
            }
        }
    }

    /// <summary>
    /// Global average pool and flatten: [B, C, H, W] → [B, C] in <paramref name="featureType"/> (the parameters' type:
    /// under <see cref="MixedPrecision"/> the maps arrive in bfloat16 and are averaged after the cast back).
    /// Disposes nothing it was given.
    /// </summary>
    public static Tensor PoolFeatures(Tensor x, ScalarType featureType)
    {
        using var cast = x.dtype == featureType ? null : x.to_type(featureType);
        using var pooled = functional.adaptive_avg_pool2d(cast ?? x, 1);
        return pooled.flatten(1);
    }

    /// <summary>Runs <paramref name="x"/> through <paramref name="stages"/> and takes ownership of it: every input, <paramref name="x"/> included, is disposed once used.</summary>
    public static Tensor RunStages(Tensor x, IEnumerable<Sequential> stages)
    {
        try
        {
            foreach (var stage in stages)
            {
                var next = stage.call(x);
                x.Dispose();
                x = next;
            }
            return x;
        }
        catch
        {
            x.Dispose();
            throw;
        }
    }
}
