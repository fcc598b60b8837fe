using ActorSsl.Actors.Augmenting;
using ActorSsl.Cli.CommandLine;
using ActorSsl.Core.Messages;
using ActorSsl.Core.Settings;
using ActorSsl.Data;
using ActorSsl.Data.Idx;
using ActorSsl.Data.Shipping;
using ActorSsl.Imaging.Augmentation;
using ActorSsl.Imaging.Benchmarks;

namespace ActorSsl.Cli.Bench;

/// <summary>
/// Where the samples of <c>actorssl bench augment</c> come from, in the form a worker gets them:
/// <c>fashion-mnist</c> — the first 10,000 training images through the IDX source, loaded up front (a worker copies a
/// sample's pixels out of it); <c>jpeg:PATH</c> — that file's bytes held in memory and decoded for every sample, as
/// shipped sample bytes are; with no --source, Fashion-MNIST up to 64 px and a synthetic 500×375 JPEG (quality 90)
/// above, decoded the same way.
/// </summary>
public sealed class AugmentBenchSource : IDisposable
{
    /// <summary>Fashion-MNIST training images used (a worker cycles through them, epoch after epoch).</summary>
    public const int FashionMnistSamples = 10_000;

    /// <summary>Largest size whose default source is Fashion-MNIST (and default preset the Fashion-MNIST one).</summary>
    public const int SmallImageLimit = 64;

    private AugmentBenchSource(string label, ISampleSource? source, SamplePayload? payload)
    {
        Label = label;
        Source = source;
        Payload = payload;
    }

    /// <summary>As given on the command line (the default says what it is), echoed in the report.</summary>
    public string Label { get; }

    /// <summary>The IDX source, or null when every sample is decoded from <see cref="Payload"/>.</summary>
    public ISampleSource? Source { get; }

    /// <summary>The encoded image every sample decodes, or null for an IDX source.</summary>
    public SamplePayload? Payload { get; }

    /// <summary>Distinct samples before positions wrap into the next epoch.</summary>
    public int Count => Source?.Count ?? int.MaxValue;

    /// <summary>
    /// Checks <paramref name="spec"/> (null: the default for <paramref name="size"/>) and opens it. Mistakes are
    /// <see cref="CliException"/>s; a missing Fashion-MNIST is the IDX source's own error with its install hint.
    /// </summary>
    public static AugmentBenchSource Open(string? spec, int size, DataSettings data)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (spec == null)
        {
            return size <= SmallImageLimit
                ? OpenFashionMnist(data)
                : new AugmentBenchSource($"synthetic-jpeg:{SyntheticPhoto.DefaultWidth}x{SyntheticPhoto.DefaultHeight}", null,
                    SamplePayload.Of(SyntheticPhoto.Jpeg(quality: 90)));
        }
        if (spec.Equals("fashion-mnist", StringComparison.OrdinalIgnoreCase)) return OpenFashionMnist(data);
        if (spec.StartsWith("jpeg:", StringComparison.Ordinal))
        {
            var path = spec["jpeg:".Length..];
            if (path.Length == 0) throw new CliException("actorssl bench augment: --source jpeg:PATH needs a file path after 'jpeg:'");
            if (!File.Exists(path))
                throw new CliException(Directory.Exists(path)
                    ? $"actorssl bench augment: --source {spec}: {path} is a folder, not a file"
                    : $"actorssl bench augment: --source {spec}: file {Path.GetFullPath(path)} does not exist");
            return new AugmentBenchSource(spec, null, SamplePayload.Of(File.ReadAllBytes(path)));
        }
        throw new CliException($"actorssl bench augment: --source '{spec}' must be fashion-mnist or jpeg:PATH");
    }

    /// <summary>
    /// What every bench worker shares: this source, the recipes (one for all views, or the preset's per-view recipes
    /// of the first 2 views), 2 views, the run seed, the decoder limits.
    /// </summary>
    public AugmentWorkerSetup Setup(IReadOnlyList<ViewRecipe> recipes, ulong seed, DataSettings data) =>
        new(Source, recipes.Count > 2 ? recipes.Take(2).ToArray() : recipes, Views: 2, seed, SamplesPerChunk: 1, Payload != null ? PayloadFormat.File : null, data.Channels, data.Limits);

    public void Dispose() => Source?.Dispose();

    private static AugmentBenchSource OpenFashionMnist(DataSettings data)
    {
        var directory = data.Source == DataSourceKind.FashionMnist ? data.Path : FashionMnist.DefaultDirectory;
        var train = FashionMnist.Open(directory, "train", data.Channels);
        ISampleSource source = train.Count > FashionMnistSamples ? new SubsetSource(train, FashionMnistSamples) : train;
        return new AugmentBenchSource("fashion-mnist", source, null);
    }
}
