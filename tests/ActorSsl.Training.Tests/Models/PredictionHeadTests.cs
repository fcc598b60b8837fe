using ActorSsl.Training.Models;
using TorchSharp;

namespace ActorSsl.Training.Tests.Models;

public class PredictionHeadTests
{
    public PredictionHeadTests() => TorchRuntime.EnsureAvailable();

    [Fact]
    public void Maps_the_projection_back_to_its_width_through_a_normalised_hidden_layer()
    {
        using var scope = torch.NewDisposeScope();
        using var head = new PredictionHead(16, 4);
        var p = head.call(torch.randn(5, 16));
        Assert.Equal(new long[] { 5, 16 }, p.shape);
        // fc1 without bias, BN scale and shift, fc2 with bias.
        Assert.Equal(16L * 4 + 2 * 4 + 4 * 16 + 16, head.parameters().Sum(p => p.numel()));
        Assert.Equal(["fc1.weight", "bn1.weight", "bn1.bias", "fc2.weight", "fc2.bias"], head.named_parameters().Select(p => p.name));
        Assert.Contains("bn1.running_mean", head.state_dict().Keys);
    }

    [Fact]
    public void Training_output_must_not_depend_on_a_shift_shared_by_the_batch()
    {
        using var scope = torch.NewDisposeScope();
        torch.manual_seed(3);
        using var head = new PredictionHead(3, 6);
        head.train();
        var x = torch.randn(8, 3, dtype: torch.float64);
        head.to(torch.float64);
        var shifted = x.add(torch.tensor(new double[] { 5, -2, 0.5 }));
        // BN subtracts the batch mean of fc1's output, so fc1(x + c) = fc1(x) + W·c leaves the output unchanged.
        var expected = head.call(x).data<double>().ToArray();
        var actual = head.call(shifted).data<double>().ToArray();
        for (var i = 0; i < expected.Length; i++) Assert.Equal(expected[i], actual[i], 9);
    }

    [Fact]
    public void Hidden_layer_is_rectified()
    {
        using var scope = torch.NewDisposeScope();
        using var head = new PredictionHead(1, 1);
        using (torch.no_grad())
        {
            head.get_parameter("fc1.weight")!.fill_(1);
            head.get_parameter("fc2.weight")!.fill_(1);
            head.get_parameter("fc2.bias")!.zero_();
        }
        // Batch (−1, 1): BN gives (−1, 1) (up to ε), ReLU (0, 1).
        var p = head.call(torch.tensor(new float[] { -1, 1 }).reshape(2, 1)).data<float>().ToArray();
        Assert.Equal(0f, p[0]);
        Assert.Equal(1f, p[1], 4);
    }
}
