using ActorSsl.Training.Benchmarks;
using ActorSsl.Training.Loop;
using ActorSsl.Training.Models;
using ActorSsl.Training.Tests.Methods;
using TorchSharp;

namespace ActorSsl.Training.Tests.Loop;

/// <summary>
/// <c>train.memory-format</c>: a session trains the same in either layout (losses and weights agree to float32
/// summation-order noise over several steps) with three channels and with one, and "auto" resolves as documented.
/// </summary>
public class ChannelsLastSessionSpec : IDisposable
{
    private readonly int _threads;
    private readonly bool _oneDnn;

    public ChannelsLastSessionSpec()
    {
        TorchRuntime.EnsureAvailable();
        _threads = torch.get_num_threads();
        _oneDnn = OneDnn.Enabled;
    }

    private static TrainingOptions Options(string memoryFormat, int channels = 3) => MethodRunSpec.Options("mocov2") with
    {
        InChannels = channels,
        Mean = Enumerable.Repeat(0.5f, channels).ToArray(),
        Std = Enumerable.Repeat(0.25f, channels).ToArray(),
        OneDnnMode = "on",
        MemoryFormat = memoryFormat,
    };

    [Theory]
    [InlineData(3)]
    [InlineData(1)]
    public void Channels_last_must_train_like_contiguous(int channels)
    {
        using var contiguous = new TrainingSession(Options("contiguous", channels));
        using var channelsLast = new TrainingSession(Options("channels-last", channels));
        Assert.False(contiguous.ChannelsLast);
        Assert.True(channelsLast.ChannelsLast);

        // What each session's convolutions really returned: the layout is the point, equal numbers alone prove nothing.
        var layouts = new List<(bool ChannelsLast, bool Is)>();
        foreach (var session in new[] { contiguous, channelsLast })
            foreach (var conv in session.Method.Online.modules().OfType<MixedPrecisionConv2d>())
                conv.register_forward_hook((_, _, output) =>
                {
                    layouts.Add((session.ChannelsLast, ActorSsl.Training.Models.ChannelsLast.Is(output)));
                    return null;
                });

        var batches = new SyntheticBatches(16, 2, channels, 12, seed: 4);
        for (var step = 0; step < 4; step++)
        {
            using var a = batches.Next(step);
            using var b = batches.Next(step);
            var (la, lb) = (contiguous.Step(a).Loss, channelsLast.Step(b).Loss);
            Assert.True(Math.Abs(la - lb) <= 1e-4 * Math.Max(1, Math.Abs(la)), $"step {step}: loss {la} (contiguous) vs {lb} (channels-last)");
        }

        Assert.NotEmpty(layouts);
        Assert.All(layouts, l => Assert.Equal(l.ChannelsLast, l.Is));
        var after = channelsLast.Method.Online.named_parameters().ToDictionary(p => p.name, p => p.parameter);
        foreach (var (name, p) in contiguous.Method.Online.named_parameters())
            Assert.True(p.allclose(after[name], rtol: 1e-3, atol: 1e-5), $"{name} differs after 4 steps");
    }

    [Theory]
    [InlineData("auto", "on", true)]
    [InlineData("auto", "off", false)]
    [InlineData("contiguous", "on", false)]
    [InlineData("channels-last", "off", true)]
    public void Memory_format_must_resolve_for_the_session_as_documented(string mode, string oneDnn, bool expected)
    {
        var options = Options(mode) with { OneDnnMode = oneDnn };
        Assert.Equal(expected, TrainingSession.UsesChannelsLast(options));
        using var session = new TrainingSession(options);
        Assert.Equal(expected, session.ChannelsLast);
    }

    public void Dispose()
    {
        torch.set_num_threads(_threads);
        OneDnn.Enabled = _oneDnn;
    }
}
