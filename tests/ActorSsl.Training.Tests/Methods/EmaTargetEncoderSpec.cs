using ActorSsl.Training.Methods;
using TorchSharp;

namespace ActorSsl.Training.Tests.Methods;

public class EmaTargetEncoderSpec
{
    private static torch.nn.Module<torch.Tensor, torch.Tensor> Linear(float weight)
    {
        var linear = torch.nn.Linear(1, 1, hasBias: false);
        using (torch.no_grad()) linear.weight!.fill_(weight);
        return linear;
    }

    [Fact]
    public void Target_must_start_as_a_copy_and_follow_the_momentum_formula()
    {
        TorchRuntime.EnsureAvailable();
        var online = Linear(3);
        using var ema = new EmaTargetEncoder(Linear(-5), online);
        Assert.Equal(3f, ((torch.nn.Module)ema.Module).parameters().Single().item<float>());

        using (torch.no_grad()) online.parameters().Single().fill_(13f);
        ema.Update(0.9);                     // 0.9·3 + 0.1·13 = 4
        Assert.Equal(4f, ema.Module.parameters().Single().item<float>(), 5);
        ema.Update(0.5);                     // 0.5·4 + 0.5·13 = 8.5
        Assert.Equal(8.5f, ema.Module.parameters().Single().item<float>(), 5);
        Assert.False(ema.Module.parameters().Single().requires_grad);
        online.Dispose();
    }
}
