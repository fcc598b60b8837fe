using ActorSsl.Training.Models;
using TorchSharp;
using static TorchSharp.torch;

namespace ActorSsl.Training.Tests.Models;

/// <summary>
/// <see cref="ChannelsLast"/>: when "auto" picks it, that the reorder keeps every value and yields NHWC strides, that
/// only what needs it is copied, and that a convolution in scope returns channels-last with the same values and weight
/// gradient, for three channels (oneDNN keeps the layout, the point of it) and for one (converted).
/// </summary>
public class ChannelsLastTests : IDisposable
{
    private readonly bool _oneDnn;

    public ChannelsLastTests()
    {
        TorchRuntime.EnsureAvailable();
        _oneDnn = OneDnn.Enabled;
    }

    [Theory]
    [InlineData("channels-last", false, false, true)]
    [InlineData("contiguous", true, true, false)]
    [InlineData("auto", true, true, true)]
    [InlineData("auto", true, false, false)]   // libtorch's own kernels, not oneDNN: not measured
    [InlineData("auto", false, false, false)]  // CUDA: left to the user
    public void Decide_must_follow_the_mode_and_for_auto_where_it_was_measured_faster(string mode, bool cpu, bool oneDnn, bool expected) =>
        Assert.Equal(expected, ChannelsLast.Decide(mode, cpu, oneDnn));

    [Fact]
    public void Decide_must_reject_an_unknown_mode() =>
        Assert.Throws<ArgumentException>(() => ChannelsLast.Decide("nhwc", true, true));

    [Fact]
    public void From_must_keep_shape_and_values_and_give_nhwc_strides()
    {
        using var x = torch.randn(2, 3, 5, 4);
        Assert.False(ChannelsLast.Is(x));
        using var y = ChannelsLast.From(x);
        Assert.True(ChannelsLast.Is(y));
        Assert.Equal(x.shape, y.shape);
        Assert.Equal(new long[] { 60, 1, 12, 3 }, y.stride());
        Assert.True(x.equal(y).all().item<bool>());
        Assert.Throws<ArgumentException>(() => ChannelsLast.From(torch.zeros(3, 5, 4)));
    }

    [Fact]
    public void Ensure_must_copy_only_what_is_not_channels_last_already()
    {
        using var x = torch.randn(2, 3, 5, 4);
        using var y = ChannelsLast.Ensure(x);
        Assert.NotSame(x, y);
        Assert.True(ChannelsLast.Is(y));
        Assert.Same(y, ChannelsLast.Ensure(y));
        using var gray = torch.randn(2, 1, 5, 4);
        Assert.Same(gray, ChannelsLast.Ensure(gray));          // one channel: the same array either way
        using var features = torch.randn(2, 3);
        Assert.Same(features, ChannelsLast.Ensure(features));  // not [B,C,H,W]
    }

    [Fact]
    public void Scope_must_restore_the_previous_setting()
    {
        Assert.False(ChannelsLast.Active);
        using (ChannelsLast.Enter(true))
        {
            Assert.True(ChannelsLast.Active);
            using (ChannelsLast.Enter(false)) Assert.False(ChannelsLast.Active);
            Assert.True(ChannelsLast.Active);
        }
        Assert.False(ChannelsLast.Active);
    }

    [Theory]
    [InlineData(3)]
    [InlineData(1)]   // NCHW to libtorch: the convolution converts its output
    public void A_convolution_in_scope_must_return_channels_last_and_the_same_result_and_gradient(int channels)
    {
        OneDnn.Enabled = true;
        torch.manual_seed(3);
        using var conv = new MixedPrecisionConv2d(channels, 16, 3, padding: 1);
        using var x = torch.randn(4, channels, 8, 8);
        using var plainOut = conv.call(x);
        using var plainGrad = torch.autograd.grad([plainOut.square().sum()], [conv.weight])[0];
        Tensor nhwcOut;
        using (ChannelsLast.Enter(true)) nhwcOut = conv.call(x);
        using var nhwcGrad = torch.autograd.grad([nhwcOut.square().sum()], [conv.weight])[0];
        Assert.False(ChannelsLast.Is(plainOut));
        Assert.True(ChannelsLast.Is(nhwcOut), $"strides [{string.Join(",", nhwcOut.stride())}]");
        Assert.True(plainOut.allclose(nhwcOut, rtol: 1e-4, atol: 1e-5));
        Assert.True(plainGrad.allclose(nhwcGrad, rtol: 1e-4, atol: 1e-4));
        nhwcOut.Dispose();
    }

    public void Dispose() => OneDnn.Enabled = _oneDnn;
}
