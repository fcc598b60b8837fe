namespace ActorSsl.Imaging.Augmentation;

/// <summary>
/// Renders one augmented view as uint8 CHW, reproducibly: the view is a pure function of the source pixels and
/// (run seed, epoch, sample index, view). Steps, in MoCo v2 order: random resized crop, colour jitter (p),
/// grayscale (p), Gaussian blur (p), solarize (p), horizontal flip (p). Every working buffer is allocated up front
/// (crop scratch grows to the largest source seen), so rendering allocates nothing. Not thread-safe: keep one
/// pipeline per worker.
/// </summary>
public sealed class ViewPipeline
{
    private readonly RandomResizedCrop _crop;
    private readonly GaussianBlur _blur;
    private readonly float[] _work;

    /// <summary>Creates a pipeline for <paramref name="channels"/>-channel sources (1 or 3); validates the recipe.</summary>
    public ViewPipeline(ViewRecipe recipe, int channels)
    {
        ArgumentNullException.ThrowIfNull(recipe);
        recipe.Validate();
        if (channels is not (1 or 3)) throw new ArgumentOutOfRangeException(nameof(channels), $"channels must be 1 or 3, not {channels}");
        Recipe = recipe;
        Channels = channels;
        ViewBytes = channels * recipe.OutputSize * recipe.OutputSize;
        _crop = new RandomResizedCrop(recipe);
        _blur = new GaussianBlur(recipe.OutputSize, recipe.BlurKernelSize);
        _work = new float[ViewBytes];
    }

    /// <summary>The parameters of every view.</summary>
    public ViewRecipe Recipe { get; }

    /// <summary>Channels of sources and views.</summary>
    public int Channels { get; }

    /// <summary>Side S of the view.</summary>
    public int OutputSize => Recipe.OutputSize;

    /// <summary>Bytes of one view: Channels × S × S.</summary>
    public int ViewBytes { get; }

    /// <summary>
    /// Writes view <paramref name="view"/> of sample <paramref name="sampleIndex"/> in <paramref name="epoch"/> into
    /// <paramref name="destinationChw"/> (exactly <see cref="ViewBytes"/> long), rounding to nearest and clamping.
    /// </summary>
    public void Render(PixelImage source, ulong runSeed, int epoch, long sampleIndex, int view, Span<byte> destinationChw)
    {
        ArgumentNullException.ThrowIfNull(source);
        if (source.Channels != Channels)
            throw new ArgumentException($"source has {source.Channels} channels but the pipeline expects {Channels}", nameof(source));
        if (destinationChw.Length != ViewBytes)
            throw new ArgumentException($"destination holds {destinationChw.Length} bytes, a view needs {ViewBytes}", nameof(destinationChw));

        var recipe = Recipe;
        var rng = ViewRandom.For(runSeed, epoch, sampleIndex, view);
        Span<float> work = _work;

        _crop.Apply(source, ref rng, work);
        if (rng.Chance(recipe.JitterProbability)) ColorJitter.Apply(work, Channels, ColorJitter.Sample(ref rng, recipe));
        if (rng.Chance(recipe.GrayscaleProbability)) RandomGrayscale.Apply(work, Channels);
        if (rng.Chance(recipe.BlurProbability)) _blur.Apply(work, Channels, rng.Uniform(recipe.BlurSigmaMin, recipe.BlurSigmaMax));
        if (rng.Chance(recipe.SolarizeProbability)) Solarize.Apply(work, (float)recipe.SolarizeThreshold);
        if (rng.Chance(recipe.FlipProbability)) HorizontalFlip.Apply(work, OutputSize);
        UnitFloat.ToBytes(work, destinationChw);
    }
}
