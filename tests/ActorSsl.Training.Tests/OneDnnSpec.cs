namespace ActorSsl.Training.Tests;

public class OneDnnSpec
{
    [Fact]
    public void Switching_oneDNN_must_reach_libtorch()
    {
        TorchRuntime.EnsureAvailable();
        var before = OneDnn.Enabled;
        try
        {
            OneDnn.Enabled = false;
            Assert.False(OneDnn.Enabled);
            OneDnn.Enabled = true;
            Assert.True(OneDnn.Enabled);
        }
        finally
        {
            OneDnn.Enabled = before;
        }
    }

    [Fact]
    public void Only_multiples_of_16_are_safe()
    {
        Assert.True(OneDnn.SafeFor(new[] { 32, 64, 128 }));
        Assert.False(OneDnn.SafeFor(new[] { 8, 16, 16 }));
    }
}
