namespace ActorSsl.Imaging.Augmentation;

/// <summary>
/// Random resized crop with torchvision's box choice, resampled straight from the interleaved uint8 source
/// into a planar float [0, 1] S × S working buffer (no intermediate crop copy). Enlarging is bilinear with
/// pixel-centre alignment (align_corners=False); shrinking is area averaging, which anti-aliases large
/// downscales. Separable: each output row blends the source rows it needs (SIMD, <see cref="RowBlend"/>), then
/// blends columns straight into the planes (SIMD, <see cref="ColumnBlend"/>).
/// Holds grow-only scratch buffers, so it is not thread-safe.
/// </summary>
public sealed class RandomResizedCrop
{
    private const int Attempts = 10;
    private readonly ResampleAxis _columns = new();
    private readonly ResampleAxis _rows = new();
    private readonly ColumnBlend _columnBlend = new();
    private float[] _rowAccumulator = [];

    /// <summary>Creates the op for the output size and crop ranges of <paramref name="recipe"/> (validated).</summary>
    public RandomResizedCrop(ViewRecipe recipe)
    {
        ArgumentNullException.ThrowIfNull(recipe);
        recipe.Validate();
        Recipe = recipe;
    }

    /// <summary>The recipe supplying S and the crop ranges.</summary>
    public ViewRecipe Recipe { get; }

    /// <summary>Side S of the output.</summary>
    public int OutputSize => Recipe.OutputSize;

    /// <summary>Chooses a crop box for a source image using the recipe's scale and ratio ranges.</summary>
    public CropBox ChooseBox(ref ViewRandom rng, int width, int height) =>
        ChooseBox(ref rng, width, height, Recipe.CropScaleMin, Recipe.CropScaleMax, Recipe.CropRatioMin, Recipe.CropRatioMax);

    /// <summary>
    /// torchvision's RandomResizedCrop.get_params: up to 10 attempts drawing an area fraction uniformly in
    /// [scaleMin, scaleMax] and an aspect ratio log-uniformly in [ratioMin, ratioMax] (sides rounded half to even);
    /// the first box that fits gets a uniform position. Otherwise a centred crop of the whole image, with its
    /// aspect ratio clamped into the ratio range.
    /// </summary>
    public static CropBox ChooseBox(ref ViewRandom rng, int width, int height,
        double scaleMin, double scaleMax, double ratioMin, double ratioMax)
    {
        if (width <= 0 || height <= 0) throw new ArgumentOutOfRangeException(nameof(width), $"image size {width}x{height} must be positive");
        var area = (double)width * height;
        var logRatioMin = Math.Log(ratioMin);
        var logRatioMax = Math.Log(ratioMax);
        for (var attempt = 0; attempt < Attempts; attempt++)
        {
            var targetArea = area * rng.Uniform(scaleMin, scaleMax);
            var ratio = Math.Exp(rng.Uniform(logRatioMin, logRatioMax));
            var w = (int)Math.Round(Math.Sqrt(targetArea * ratio));
            var h = (int)Math.Round(Math.Sqrt(targetArea / ratio));
            if (w > 0 && w <= width && h > 0 && h <= height)
            {
                var y = rng.NextInt(height - h + 1);
                var x = rng.NextInt(width - w + 1);
                return new CropBox(x, y, w, h);
            }
        }

        var inputRatio = (double)width / height;
        int cropW = width, cropH = height;
        if (inputRatio < ratioMin) cropH = Math.Clamp((int)Math.Round(width / ratioMin), 1, height);
        else if (inputRatio > ratioMax) cropW = Math.Clamp((int)Math.Round(height * ratioMax), 1, width);
        return new CropBox((width - cropW) / 2, (height - cropH) / 2, cropW, cropH);
    }

    /// <summary>Chooses a box with <paramref name="rng"/> and resamples it into <paramref name="destinationChw"/>.</summary>
    public CropBox Apply(PixelImage source, ref ViewRandom rng, Span<float> destinationChw)
    {
        ArgumentNullException.ThrowIfNull(source);
        var box = ChooseBox(ref rng, source.Width, source.Height);
        Resample(source, box, destinationChw);
        return box;
    }

    /// <summary>Resamples <paramref name="box"/> of <paramref name="source"/> into planar float [0, 1], C × S × S.</summary>
    public void Resample(PixelImage source, CropBox box, Span<float> destinationChw)
    {
        ArgumentNullException.ThrowIfNull(source);
        Resample(source.Pixels, source.Width, source.Height, source.Channels, box, destinationChw);
    }

    /// <summary>Resamples <paramref name="box"/> of interleaved HWC uint8 pixels into planar float [0, 1], C × S × S.</summary>
    public void Resample(ReadOnlySpan<byte> pixels, int width, int height, int channels, CropBox box, Span<float> destinationChw)
    {
        if (channels is not (1 or 3)) throw new ArgumentOutOfRangeException(nameof(channels), $"channels must be 1 or 3, not {channels}");
        if (width <= 0 || height <= 0) throw new ArgumentOutOfRangeException(nameof(width), $"image size {width}x{height} must be positive");
        if (pixels.Length < width * height * channels)
            throw new ArgumentException($"{pixels.Length} pixel bytes are fewer than {width}x{height}x{channels}", nameof(pixels));
        if (!box.FitsIn(width, height)) throw new ArgumentOutOfRangeException(nameof(box), $"crop {box} does not fit in {width}x{height}");
        var size = OutputSize;
        if (destinationChw.Length != channels * size * size)
            throw new ArgumentException($"destination holds {destinationChw.Length} floats, expected {channels}x{size}x{size}", nameof(destinationChw));

        _columns.Build(box.Width, size, width);
        _rows.Build(box.Height, size, height);
        _columnBlend.Build(_columns, size);
        if (_rowAccumulator.Length < width * channels) _rowAccumulator = new float[width * channels];
        var accumulator = _rowAccumulator.AsSpan(0, box.Width * channels);
        var rowBytes = width * channels;
        Span<float> rowWeights = stackalloc float[_rows.Stride];

        for (var outY = 0; outY < size; outY++)
        {
            // Vertical first: the crop's source rows for this output row, blended into one float row (1/255 folded in).
            var weights = _rows.Weights(outY);
            var scaled = rowWeights[..weights.Length];
            for (var t = 0; t < weights.Length; t++) scaled[t] = weights[t] * (1f / 255f);
            RowBlend.Apply(pixels, (box.Y + _rows.First(outY)) * rowBytes + box.X * channels, rowBytes, scaled, accumulator);
            _columnBlend.Apply(accumulator, channels, destinationChw, outY * size, size * size, size);
        }
    }
}
