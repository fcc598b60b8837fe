using ActorSsl.Training.Models;
using TorchSharp;

namespace ActorSsl.Training.Tests.Models;

public class BatchNormMlpTests
{
    public BatchNormMlpTests() => TorchRuntime.EnsureAvailable();

    [Fact]
    public void Layers_must_be_linear_without_bias_then_batch_norm_per_hidden_width_and_a_biased_output()
    {
        using var mlp = new BatchNormMlp(6, new[] { 5, 4 }, 3);
        var shapes = mlp.named_parameters().ToDictionary(p => p.name, p => p.parameter.shape);
        Assert.Equal(new long[] { 5, 6 }, shapes["layers.fc1.weight"]);
        Assert.Equal(new long[] { 4, 5 }, shapes["layers.fc2.weight"]);
        Assert.Equal(new long[] { 3, 4 }, shapes["layers.out.weight"]);
        Assert.Contains("layers.out.bias", shapes.Keys);
        Assert.DoesNotContain("layers.fc1.bias", shapes.Keys);
        Assert.Contains("layers.bn2.weight", shapes.Keys);
    }

    [Fact]
    public void Output_batch_norm_must_standardise_each_dimension_over_the_batch()
    {
        torch.manual_seed(3);
        using var mlp = new BatchNormMlp(6, new[] { 8 }, 4, outputBatchNorm: true);
        mlp.train();
        using var scope = torch.NewDisposeScope();
        var output = mlp.call(torch.randn(32, 6));
        Assert.Equal(new long[] { 32, 4 }, output.shape);
        Assert.True(output.mean(new long[] { 0 }).abs().max().item<float>() < 1e-4);
        Assert.True((output.std(0, unbiased: false) - 1).abs().max().item<float>() < 1e-2);
        Assert.DoesNotContain(mlp.named_parameters(), p => p.name.StartsWith("layers.bn_out", StringComparison.Ordinal));
    }
}
