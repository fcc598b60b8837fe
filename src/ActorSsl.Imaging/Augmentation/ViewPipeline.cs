namespace ActorSsl.Imaging.Augmentation;

/// <summary>
/// Renders one augmented view as uint8 CHW, reproducibly: the view is a pure function of the source pixels and
/// (run seed, epoch, sample index, view). Steps, in MoCo v2 order: random resized crop, colour jitter (p),
/// grayscale (p), Gaussian blur (p), solarize (p), horizontal flip (p). Every view may have its own recipe (BYOL blurs
/// and solarizes its two views with different probabilities); all recipes share the output size. Every working buffer
/// is allocated up front (crop scratch grows to the largest source seen), so rendering allocates nothing. Not
/// thread-safe: keep one pipeline per worker.
/// </summary>
public sealed class ViewPipeline
{
    private readonly ViewRecipe[] _recipes;
    private readonly RandomResizedCrop[] _crops;
    private readonly GaussianBlur[] _blurs;
    private readonly float[] _work;

    /// <summary>Creates a pipeline for <paramref name="channels"/>-channel sources (1 or 3) that renders every view with <paramref name="recipe"/>.</summary>
    public ViewPipeline(ViewRecipe recipe, int channels) : this([recipe], channels)
    {
    }

    /// <summary>
    /// Creates a pipeline for <paramref name="channels"/>-channel sources (1 or 3) with one recipe per view: view i is
    /// rendered with <paramref name="recipes"/>[i]. A single recipe serves every view. Validates every recipe and that
    /// they share one output size (a batch holds views of one shape).
    /// </summary>
    public ViewPipeline(IReadOnlyList<ViewRecipe> recipes, int channels)
    {
        ArgumentNullException.ThrowIfNull(recipes);
        if (recipes.Count == 0) throw new ArgumentException("at least one view recipe is needed", nameof(recipes));
        for (var i = 0; i < recipes.Count; i++)
        {
            ArgumentNullException.ThrowIfNull(recipes[i], $"{nameof(recipes)}[{i}]");
            recipes[i].Validate();
            if (recipes[i].OutputSize != recipes[0].OutputSize)
                throw new ArgumentException(
                    $"view {i} has output size {recipes[i].OutputSize} but view 0 has {recipes[0].OutputSize}: every view must have the same size", nameof(recipes));
        }
        if (channels is not (1 or 3)) throw new ArgumentOutOfRangeException(nameof(channels), $"channels must be 1 or 3, not {channels}");
        _recipes = [.. recipes];
        Channels = channels;
        ViewBytes = channels * OutputSize * OutputSize;
        _crops = PerView(_recipes, r => (r.CropScaleMin, r.CropScaleMax, r.CropRatioMin, r.CropRatioMax), r => new RandomResizedCrop(r));
        _blurs = PerView(_recipes, r => r.BlurKernelSize, r => new GaussianBlur(r.OutputSize, r.BlurKernelSize));
        _work = new float[ViewBytes];
    }

    /// <summary>The recipes, one per view, or one for every view.</summary>
    public IReadOnlyList<ViewRecipe> Recipes => _recipes;

    /// <summary>The parameters of view <paramref name="view"/>.</summary>
    public ViewRecipe RecipeFor(int view) => _recipes[Slot(view)];

    /// <summary>Channels of sources and views.</summary>
    public int Channels { get; }

    /// <summary>Side S of every view.</summary>
    public int OutputSize => _recipes[0].OutputSize;

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

        var slot = Slot(view);
        var (recipe, crop, blur) = (_recipes[slot], _crops[slot], _blurs[slot]);
        var rng = ViewRandom.For(runSeed, epoch, sampleIndex, view);
        Span<float> work = _work;

        crop.Apply(source, ref rng, work);
        if (rng.Chance(recipe.JitterProbability)) ColorJitter.Apply(work, Channels, ColorJitter.Sample(ref rng, recipe));
        if (rng.Chance(recipe.GrayscaleProbability)) RandomGrayscale.Apply(work, Channels);
        if (rng.Chance(recipe.BlurProbability)) blur.Apply(work, Channels, rng.Uniform(recipe.BlurSigmaMin, recipe.BlurSigmaMax));
        if (rng.Chance(recipe.SolarizeProbability)) Solarize.Apply(work, (float)recipe.SolarizeThreshold);
        if (rng.Chance(recipe.FlipProbability)) HorizontalFlip.Apply(work, OutputSize);
        UnitFloat.ToBytes(work, destinationChw);
    }

    private int Slot(int view)
    {
        if (_recipes.Length == 1) return 0;
        if ((uint)view >= (uint)_recipes.Length)
            throw new ArgumentOutOfRangeException(nameof(view), $"view {view}: this pipeline has recipes for views 0..{_recipes.Length - 1}");
        return view;
    }

    /// <summary>One op per view, built once; views whose recipes agree on <paramref name="key"/> share an instance.</summary>
    private static T[] PerView<TKey, T>(ViewRecipe[] recipes, Func<ViewRecipe, TKey> key, Func<ViewRecipe, T> create)
    {
        var ops = new T[recipes.Length];
        for (var i = 0; i < recipes.Length; i++)
        {
            var shared = Array.FindIndex(recipes, 0, i, earlier => EqualityComparer<TKey>.Default.Equals(key(earlier), key(recipes[i])));
            ops[i] = shared >= 0 ? ops[shared] : create(recipes[i]);
        }
        return ops;
    }
}
