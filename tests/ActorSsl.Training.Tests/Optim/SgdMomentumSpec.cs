using ActorSsl.Training.Optim;
using TorchSharp;

namespace ActorSsl.Training.Tests.Optim;

public class SgdMomentumSpec
{
    [Fact]
    public void Steps_must_follow_pytorch_sgd_with_momentum_and_weight_decay()
    {
        TorchRuntime.EnsureAvailable();
        var p = torch.tensor(new float[] { 1f }).requires_grad_(true);
        using var sgd = new SgdMomentum(new[] { ("p", p) }, momentum: 0.9, weightDecay: 0.1);
        void Step()
        {
            sgd.ZeroGrad();
            using var loss = (p * torch.tensor(2f)).sum(); // ∂/∂p = 2
            loss.backward();
            sgd.Step(0.5);
        }
        // g = 2 + 0.1·1 = 2.1; b = 2.1; p = 1 − 0.5·2.1 = −0.05
        Step();
        Assert.Equal(-0.05f, p.item<float>(), 5);
        // g = 2 + 0.1·(−0.05) = 1.995; b = 0.9·2.1 + 1.995 = 3.885; p = −0.05 − 0.5·3.885 = −1.9925
        Step();
        Assert.Equal(-1.9925f, p.item<float>(), 4);
        Assert.Equal(3.885f, sgd.State().Single().Buffer.item<float>(), 4);
    }

    [Fact]
    public void Steps_must_match_torchsharp_sgd()
    {
        TorchRuntime.EnsureAvailable();
        torch.manual_seed(5);
        var a = torch.randn(4, 3).requires_grad_(true);
        var b = new TorchSharp.Modules.Parameter(a.detach().clone());
        var x = torch.randn(6, 4);
        using var ours = new SgdMomentum(new[] { ("a", a) }, 0.9, 5e-4);
        var theirs = torch.optim.SGD(new[] { b }, 0.06, momentum: 0.9, weight_decay: 5e-4);
        for (var i = 0; i < 5; i++)
        {
            ours.ZeroGrad();
            x.matmul(a).pow(2).sum().backward();
            ours.Step(0.06);
            theirs.zero_grad();
            x.matmul(b).pow(2).sum().backward();
            theirs.step();
        }
        Assert.True(a.allclose(b, rtol: 1e-5, atol: 1e-6));
    }

    [Fact]
    public void Parameters_named_fixed_must_take_the_fixed_rate_and_the_others_the_scheduled_one()
    {
        TorchRuntime.EnsureAvailable();
        var scheduled = torch.tensor(new float[] { 1f }).requires_grad_(true);
        var fixedRate = torch.tensor(new float[] { 1f }).requires_grad_(true);
        using var sgd = new SgdMomentum(new[] { ("head.w", scheduled), ("predictor.w", fixedRate) }, momentum: 0.9, weightDecay: 0.1,
            name => name.StartsWith("predictor.", StringComparison.Ordinal));
        using var loss = (scheduled * torch.tensor(2f)).sum() + (fixedRate * torch.tensor(2f)).sum(); // ∂/∂ = 2 each
        loss.backward();
        sgd.Step(0.5, 0.1);
        // g = 2 + 0.1·1 = 2.1 for both; 1 − 0.5·2.1 = −0.05 and 1 − 0.1·2.1 = 0.79
        Assert.Equal(-0.05f, scheduled.item<float>(), 5);
        Assert.Equal(0.79f, fixedRate.item<float>(), 5);
    }
}
