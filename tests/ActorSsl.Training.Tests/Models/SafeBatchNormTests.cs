using ActorSsl.Training.Models;
using TorchSharp;
using static TorchSharp.torch;

namespace ActorSsl.Training.Tests.Models;

/// <summary>SafeBatchNorm computes what TorchSharp's BatchNorm1d/2d compute and saves under the same keys.</summary>
public class SafeBatchNormTests
{
    public SafeBatchNormTests() => TorchRuntime.EnsureAvailable();

    public static TheoryData<int, bool> Cases() => new() { { 4, true }, { 2, true }, { 3, true }, { 2, false } };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Must_match_torchsharp_batchnorm_in_train_and_eval_mode(int rank, bool affine)
    {
        manual_seed(11);
        using var scope = NewDisposeScope();
        nn.Module<Tensor, Tensor> reference = rank == 4 ? nn.BatchNorm2d(5, affine: affine) : nn.BatchNorm1d(5, affine: affine);
        var safe = rank == 4 ? SafeBatchNorm.TwoD(5, affine) : SafeBatchNorm.OneD(5, affine);
        Assert.Equal(reference.state_dict().Keys.Order(), safe.state_dict().Keys.Order());

        long[] shape = rank switch { 4 => [6, 5, 3, 3], 3 => [6, 5, 7], _ => [6, 5] };
        if (affine)
        {
            using var noGrad = no_grad();
            foreach (var m in new[] { reference, safe })
            {
                m.get_parameter("weight")!.copy_(linspace(0.5, 1.5, 5));
                m.get_parameter("bias")!.copy_(linspace(-0.2, 0.2, 5));
            }
        }

        for (var i = 0; i < 3; i++)
        {
            var x = randn(shape) * 2 + i;
            Assert.True(reference.call(x).allclose(safe.call(x), rtol: 1e-5, atol: 1e-6));
        }
        foreach (var key in new[] { "running_mean", "running_var", "num_batches_tracked" })
            Assert.True(reference.state_dict()[key].allclose(safe.state_dict()[key]), key);
        Assert.Equal(3L, safe.num_batches_tracked.item<long>());

        reference.eval();
        safe.eval();
        var y = randn(shape);
        Assert.True(reference.call(y).allclose(safe.call(y), rtol: 1e-5, atol: 1e-6));
        Assert.Equal(3L, safe.num_batches_tracked.item<long>());
    }

    [Fact]
    public void Gradients_must_match_torchsharp_batchnorm()
    {
        manual_seed(12);
        using var scope = NewDisposeScope();
        var reference = nn.BatchNorm2d(3);
        var safe = SafeBatchNorm.TwoD(3);
        var x1 = randn(4, 3, 2, 2).requires_grad_();
        var x2 = x1.detach().clone().requires_grad_();
        var probe = randn(4, 3, 2, 2);
        (reference.call(x1) * probe).sum().backward();
        (safe.call(x2) * probe).sum().backward();
        Assert.True(x1.grad!.allclose(x2.grad!, rtol: 1e-5, atol: 1e-6));
        Assert.True(reference.weight!.grad!.allclose(safe.weight!.grad!, rtol: 1e-5, atol: 1e-6));
    }

    [Fact]
    public void Wrong_input_shape_must_name_the_expected_one()
    {
        using var scope = NewDisposeScope();
        var bn = SafeBatchNorm.TwoD(3);
        var e = Assert.Throws<ArgumentException>(() => bn.call(randn(2, 3)));
        Assert.Contains("4-d", e.Message);
        e = Assert.Throws<ArgumentException>(() => bn.call(randn(2, 4, 2, 2)));
        Assert.Contains("3 channels", e.Message);
    }

    [Fact]
    public void Moving_to_another_dtype_must_move_what_forward_uses()
    {
        using var scope = NewDisposeScope();
        var bn = SafeBatchNorm.TwoD(3).to(ScalarType.Float64);
        Assert.Equal(ScalarType.Float64, bn.weight!.dtype);
        Assert.Equal(ScalarType.Float64, bn.running_mean.dtype);
        Assert.Equal(ScalarType.Float64, bn.state_dict()["running_var"].dtype);
        Assert.Same(bn.named_buffers().Single(b => b.name == "running_var").buffer, bn.running_var);
        Assert.Equal(ScalarType.Float64, bn.call(randn(2, 3, 2, 2, ScalarType.Float64)).dtype);
    }
}
