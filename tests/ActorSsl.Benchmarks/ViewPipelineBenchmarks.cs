using ActorSsl.Imaging;
using ActorSsl.Imaging.Augmentation;
using BenchmarkDotNet.Attributes;

namespace ActorSsl.Benchmarks;

/// <summary>
/// One whole view (<see cref="ViewPipeline.Render"/>), a new sample index every call so the random choices vary as in
/// a run. 28 px: the default preset's recipe (hocon/fashion-mnist-moco.conf: crop 0.2–1, flip, brightness/contrast
/// jitter 0.4 with p 0.8; gray, from a 28×28 source). 224 px: the full MoCo v2 recipe of hocon/imagefolder-224.conf
/// (ViewRecipe's defaults) on RGB from the 500×375 photo.
/// </summary>
[MemoryDiagnoser]
public class ViewPipelineBenchmarks : IBenchmarkOutput
{
    private PixelImage _source = null!;
    private ViewPipeline _pipeline = null!;
    private byte[] _view = [];
    private long _sample;

    [Params(28, 224)]
    public int Size { get; set; }

    private int Channels => Size <= 64 ? 1 : 3;

    public int OutputLength => Channels * Size * Size;

    [GlobalSetup]
    public void Setup()
    {
        var recipe = Size <= 64
            ? new ViewRecipe
            {
                OutputSize = Size, Saturation = 0, Hue = 0, GrayscaleProbability = 0, BlurProbability = 0,
            }
            : new ViewRecipe { OutputSize = Size };
        _source = BenchmarkImages.SourceFor(Size, Channels);
        _pipeline = new ViewPipeline(recipe, Channels);
        _view = new byte[_pipeline.ViewBytes];
    }

    [Benchmark]
    public byte[] Render()
    {
        _pipeline.Render(_source, 42, 0, _sample++, 0, _view);
        return _view;
    }
}
