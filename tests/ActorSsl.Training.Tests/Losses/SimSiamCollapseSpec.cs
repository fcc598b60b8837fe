using ActorSsl.Training.Losses;
using ActorSsl.Training.Models;
using ActorSsl.Training.Optim;
using TorchSharp;
using static TorchSharp.torch;

namespace ActorSsl.Training.Tests.Losses;

/// <summary>
/// SimSiam's collapse check (Chen and He 2021, fig. 2): the per-dimension standard deviation over the batch of
/// the ℓ2-normalised projections stays near 1/√D while the representations are spread out and falls towards 0
/// as they collapse to a constant. A tiny MLP trained for 60 steps on fixed random data (two noisy views per
/// sample) ends near 0.9/√D with the stop-gradient and below 0.3/√D without it (seeds 1–4 and 17 on one
/// thread), so the floor of 0.5/√D separates the two with room on both sides.
/// </summary>
public class SimSiamCollapseSpec
{
    private const int Samples = 64;
    private const int InputDim = 16;
    private const int Dim = 8;
    private static readonly double Floor = 0.5 / Math.Sqrt(Dim);

    public SimSiamCollapseSpec() => TorchRuntime.EnsureAvailable();

    [Fact]
    public void Short_training_with_the_stop_gradient_must_keep_the_embeddings_spread_out()
    {
        var (std, firstLoss, lastLoss) = Train(stopGradient: true);
        Assert.True(std > Floor, $"mean per-dimension std {std:F4} fell below 0.5/√D = {Floor:F4}");
        Assert.True(lastLoss < firstLoss, $"the loss did not decrease: {firstLoss:F4} → {lastLoss:F4}");
    }

    [Fact]
    public void Without_the_stop_gradient_the_same_training_must_collapse_below_the_floor()
    {
        // The control: it shows the check above can fail.
        var (std, _, lastLoss) = Train(stopGradient: false);
        Assert.True(std < Floor, $"mean per-dimension std {std:F4} stayed above 0.5/√D = {Floor:F4}");
        Assert.True(lastLoss < -0.95, $"the cosine loss only reached {lastLoss:F4}");
    }

    private static (double Std, double FirstLoss, double LastLoss) Train(bool stopGradient)
    {
        // One intra-op thread: ops this small only pay for synchronisation, and several seconds of it when
        // the machine is busy.
        var threads = torch.get_num_threads();
        torch.set_num_threads(1);
        try
        {
            torch.manual_seed(17);
            using var generator = new Generator(17);
            using var encoder = nn.Sequential(
                ("fc1", nn.Linear(InputDim, 32)), ("bn1", nn.BatchNorm1d(32)), ("relu1", nn.ReLU()), ("fc2", nn.Linear(32, Dim)));
            using var predictor = new PredictionHead(Dim, 4);
            var parameters = encoder.named_parameters().Select(p => ("encoder." + p.name, (Tensor)p.parameter))
                .Concat(predictor.named_parameters().Select(p => ("predictor." + p.name, (Tensor)p.parameter)));
            using var sgd = new SgdMomentum(parameters, momentum: 0.9, weightDecay: 1e-4);
            using var data = torch.randn(new long[] { Samples, InputDim }, generator: generator);
            using var noiseScale = 0.3.ToScalar();

            double firstLoss = double.NaN, lastLoss = double.NaN;
            for (var step = 0; step < 60; step++)
            {
                using var scope = torch.NewDisposeScope();
                var view1 = data.add(torch.randn(new long[] { Samples, InputDim }, generator: generator), noiseScale);
                var view2 = data.add(torch.randn(new long[] { Samples, InputDim }, generator: generator), noiseScale);
                var z1 = encoder.call(view1);
                var z2 = encoder.call(view2);
                var p1 = predictor.call(z1);
                var p2 = predictor.call(z2);
                var loss = stopGradient
                    ? SimSiamLoss.Symmetric(p1, z2, p2, z1)
                    : torch.cat(new[] { nn.functional.cosine_similarity(p1, z2), nn.functional.cosine_similarity(p2, z1) }).mean().neg();
                sgd.ZeroGrad();
                loss.backward();
                sgd.Step(0.05);
                lastLoss = loss.item<float>();
                if (step == 0) firstLoss = lastLoss;
            }

            using var measure = torch.NewDisposeScope();
            using var noGrad = torch.no_grad();
            encoder.eval();
            var z = nn.functional.normalize(encoder.call(data), dim: 1);
            return (z.std(0, unbiased: false).mean().item<float>(), firstLoss, lastLoss);
        }
        finally
        {
            torch.set_num_threads(threads);
        }
    }
}
