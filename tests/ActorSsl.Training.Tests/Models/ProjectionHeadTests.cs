using ActorSsl.Training.Models;
using TorchSharp;

namespace ActorSsl.Training.Tests.Models;

public class ProjectionHeadTests
{
    public ProjectionHeadTests() => TorchRuntime.EnsureAvailable();

    [Fact]
    public void Maps_128_features_to_64_through_a_128_hidden_layer()
    {
        using var scope = torch.NewDisposeScope();
        using var head = new ProjectionHead(128, 128, 64);
        var z = head.call(torch.randn(4, 128));
        Assert.Equal(new long[] { 4, 64 }, z.shape);
        Assert.Equal(64, head.OutDim);
        // Two Linear layers with bias, nothing else: 128·128 + 128 + 128·64 + 64.
        Assert.Equal(128L * 128 + 128 + 128 * 64 + 64, head.parameters().Sum(p => p.numel()));
        Assert.Equal(["fc1.weight", "fc1.bias", "fc2.weight", "fc2.bias"], head.state_dict().Keys);
    }

    [Fact]
    public void Hidden_layer_is_rectified()
    {
        using var scope = torch.NewDisposeScope();
        using var head = new ProjectionHead(2, 3, 1);
        using (torch.no_grad())
        {
            head.get_parameter("fc1.weight").copy_(torch.tensor(new float[] { 1, 0, -1, 0, 0, 1 }).reshape(3, 2));
            head.get_parameter("fc1.bias").zero_();
            head.get_parameter("fc2.weight").copy_(torch.ones(1, 3));
            head.get_parameter("fc2.bias").zero_();
        }
        // hidden = relu([2, -2, 3]) = [2, 0, 3] → 5; without the ReLU it would be 3.
        var z = head.call(torch.tensor(new float[] { 2, 3 }).reshape(1, 2));
        Assert.Equal(5f, z.item<float>());
    }
}
