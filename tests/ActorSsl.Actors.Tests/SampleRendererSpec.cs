using ActorSsl.Actors.Augmenting;
using ActorSsl.Actors.Tests.Support;
using ActorSsl.Core.Messages;
using ActorSsl.Data.Shipping;
using ActorSsl.Imaging;
using ActorSsl.Imaging.Augmentation;
using ActorSsl.Imaging.Benchmarks;
using ActorSsl.Imaging.Decoding;

namespace ActorSsl.Actors.Tests;

/// <summary>
/// What a worker does per sample (and <c>actorssl bench augment</c> times): load from the source or decode shipped
/// bytes, then every view from that one load with (seed, epoch, index, view).
/// </summary>
public class SampleRendererSpec
{
    private static readonly ViewRecipe Recipe = new() { OutputSize = 16 };

    [Fact]
    public void Renderer_must_render_each_view_of_a_source_sample_as_the_view_pipeline_does()
    {
        var source = new SyntheticSource(10, size: 20, channels: 3);
        using var renderer = new SampleRenderer(new AugmentWorkerSetup(source, [Recipe], 2, 42, 1));
        var rendered = new byte[renderer.SampleBytes];
        Assert.True(renderer.TryRender(7, 3, null, rendered, out var failure), failure);

        var image = new PixelImage();
        Assert.True(source.TryRead(7, image, out _));
        var pipeline = new ViewPipeline(Recipe, 3);
        var expected = new byte[2 * pipeline.ViewBytes];
        for (var v = 0; v < 2; v++) pipeline.Render(image, 42, 3, 7, v, expected.AsSpan(v * pipeline.ViewBytes, pipeline.ViewBytes));
        Assert.Equal(expected, rendered);
        Assert.NotEqual(rendered[..pipeline.ViewBytes], rendered[pipeline.ViewBytes..]);
    }

    [Fact]
    public void Renderer_must_decode_shipped_file_bytes_with_the_safe_decoder()
    {
        var jpeg = SyntheticPhoto.Jpeg(64, 48);
        var setup = new AugmentWorkerSetup(null, [Recipe], 2, 42, 1, PayloadFormat.File, PayloadChannels: 3);
        using var renderer = new SampleRenderer(setup);
        var rendered = new byte[renderer.SampleBytes];
        Assert.True(renderer.TryRender(5, 0, SamplePayload.Of(jpeg), rendered, out var failure), failure);

        using var decoder = new SafeImageDecoder();
        var image = new PixelImage();
        Assert.True(decoder.TryDecode(jpeg, 3, image, out _));
        var pipeline = new ViewPipeline(Recipe, 3);
        var second = new byte[pipeline.ViewBytes];
        pipeline.Render(image, 42, 0, 5, 1, second);
        Assert.Equal(second, rendered[pipeline.ViewBytes..]);
    }

    [Fact]
    public void Renderer_must_clear_and_explain_a_sample_it_cannot_load()
    {
        var setup = new AugmentWorkerSetup(null, [Recipe], 2, 42, 1, PayloadFormat.File, PayloadChannels: 1);
        using var renderer = new SampleRenderer(setup);
        var rendered = Enumerable.Repeat((byte)9, renderer.SampleBytes).ToArray();
        Assert.False(renderer.TryRender(0, 0, SamplePayload.Of("not an image"u8.ToArray()), rendered, out var failure));
        Assert.StartsWith("unknown image format", failure);
        Assert.All(rendered, b => Assert.Equal(0, b));
        Assert.False(renderer.TryRender(1, 0, null, rendered, out failure));
        Assert.Contains("no data source", failure);
    }
}
