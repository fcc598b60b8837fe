using ActorSsl.Imaging;
using ActorSsl.Imaging.Augmentation;
using BenchmarkDotNet.Attributes;

namespace ActorSsl.Benchmarks;

/// <summary>
/// Each augmentation op alone on an RGB view of 28 or 224 px (3 channels at both sizes, so that saturation, hue and
/// grayscale do work). The in-place ops first restore the view from a pristine copy, so that every call sees a real
/// view rather than the result of thousands of repeats: subtract <see cref="Copy"/> (the baseline) for the op alone.
/// The crop writes the whole view itself and needs no copy.
/// </summary>
[MemoryDiagnoser]
public class AugmentationOpBenchmarks : IBenchmarkOutput
{
    private const int Channels = 3;
    private PixelImage _source = null!;
    private RandomResizedCrop _crop = null!;
    private GaussianBlur _blur = null!;
    private float[] _pristine = [];
    private float[] _work = [];
    private long _sample;

    [Params(28, 224)]
    public int Size { get; set; }

    public int OutputLength => Channels * Size * Size;

    [GlobalSetup]
    public void Setup()
    {
        var recipe = new ViewRecipe { OutputSize = Size };
        _source = BenchmarkImages.SourceFor(Size, Channels);
        _crop = new RandomResizedCrop(recipe);
        _blur = new GaussianBlur(Size, recipe.BlurKernelSize);
        _pristine = new float[OutputLength];
        _work = new float[OutputLength];
        var rng = ViewRandom.For(1, 0, 0, 0);
        _crop.Apply(_source, ref rng, _pristine);
    }

    [Benchmark(Baseline = true)]
    public float[] Copy()
    {
        _pristine.CopyTo(_work, 0);
        return _work;
    }

    [Benchmark]
    public float[] RandomResizedCrop()
    {
        var rng = ViewRandom.For(1, 0, _sample++, 0);
        _crop.Apply(_source, ref rng, _work);
        return _work;
    }

    /// <summary>All four components (brightness, contrast, saturation, hue) in torchvision's default order.</summary>
    [Benchmark]
    public float[] ColorJitter()
    {
        _pristine.CopyTo(_work, 0);
        Imaging.Augmentation.ColorJitter.Apply(_work, Channels, new JitterParameters(1.2f, 0.8f, 1.3f, 0.05f));
        return _work;
    }

    /// <summary>σ = 1 px with the recipe's kernel (23 taps at 224 px, 3 at 28 px).</summary>
    [Benchmark]
    public float[] GaussianBlur()
    {
        _pristine.CopyTo(_work, 0);
        _blur.Apply(_work, Channels, 1.0);
        return _work;
    }

    [Benchmark]
    public float[] Grayscale()
    {
        _pristine.CopyTo(_work, 0);
        RandomGrayscale.Apply(_work, Channels);
        return _work;
    }

    [Benchmark]
    public float[] HorizontalFlip()
    {
        _pristine.CopyTo(_work, 0);
        Imaging.Augmentation.HorizontalFlip.Apply(_work, Size);
        return _work;
    }

    [Benchmark]
    public float[] Solarize()
    {
        _pristine.CopyTo(_work, 0);
        Imaging.Augmentation.Solarize.Apply(_work, 0.5f);
        return _work;
    }
}
