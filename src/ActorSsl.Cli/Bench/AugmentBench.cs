using System.Globalization;
using System.Reflection;
using System.Runtime.InteropServices;
using ActorSsl.Cli.CommandLine;
using ActorSsl.Cli.Reporting;
using ActorSsl.Core.Settings;

namespace ActorSsl.Cli.Bench;

/// <summary>
/// <c>actorssl bench augment</c>: two-view augmentation throughput on the code path of the augmentation workers
/// (<see cref="Actors.Augmenting.SampleRenderer"/>: the worker's decoder with its limits and single-threaded ImageSharp
/// configuration, or the IDX source; then <see cref="Imaging.Augmentation.ViewPipeline.Render"/> per view), without
/// actors, credits or batching around it, so that it can be compared with a torchvision peer (tests/peers).
/// </summary>
public static class AugmentBench
{
    public const string Help = """
        actorssl bench augment [--size S] [--source fashion-mnist|jpeg:PATH] [--workers N] [--seconds S]
                               [--config PRESET.conf] [--json PATH]

          Two augmented views from one load per sample, as an augmentation worker renders them, on N threads of
          their own, each rendering distinct samples for --seconds after a short warm-up. Reports pairs/s, pairs/s per
          worker and where a pair's time goes (decode vs render).
          --size: view side (default 28; at least 8). The view recipe is the augment section of the preset:
            hocon/fashion-mnist-moco.conf up to 64 px, hocon/imagefolder-224.conf above, or --config; --size
            overrides its image-size. The preset's data.channels, decoder limits and run seed apply.
          --source fashion-mnist: the first 10,000 Fashion-MNIST training images through the IDX source, loaded up
            front. jpeg:PATH: that file's bytes in memory, decoded for every sample (as shipped sample bytes are).
            Default: fashion-mnist up to 64 px, above a synthetic 500×375 photo-like JPEG (quality 90).
          Defaults: 1 worker, 10 seconds.
        """;

    private static readonly HashSet<string> Options = ["size", "source", "workers", "seconds", "config", "json"];

    public static int Run(IReadOnlyList<string> argv)
    {
        var args = CliArguments.Parse("bench augment", argv, Options);
        var size = args.Int("size", 8) ?? 28;
        var workers = args.Int("workers", 1) ?? 1;
        var seconds = args.Double("seconds", 0.1) ?? 10;
        var config = args.String("config") ?? DefaultPreset(size);

        var settings = ActorSslSettings.Create(ActorSslConfig.FromFile(config,
            string.Create(CultureInfo.InvariantCulture, $"actorssl.augment.image-size = {size}")));
        using var source = AugmentBenchSource.Open(args.String("source"), size, settings.Data);
        var setup = source.Setup(settings.Augment.Recipes, settings.Run.Seed, settings.Data);

        var warmup = TimeSpan.FromSeconds(Math.Min(1.0, seconds / 5));
        Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"actorssl bench augment: {source.Label}, {size} px × {setup.Channels} ch, recipe of {config}; {workers} worker(s), {warmup.TotalSeconds:F1} s warm-up, {seconds:F1} s timed"));
        AugmentBenchRun.Totals totals;
        try
        {
            totals = AugmentBenchRun.Measure(setup, source.Payload, source.Count, workers, TimeSpan.FromSeconds(seconds), warmup);
        }
        catch (InvalidDataException e)
        {
            throw new CliException($"actorssl bench augment: --source {source.Label}: {e.Message}");
        }

        var result = AugmentBenchResult.From(size, setup.Channels, source.Label, config, workers, totals, Runtime(workers));
        Console.WriteLine(result.Describe());
        if (args.String("json") is { } path) JsonReport.Write(path, result);
        return 0;
    }

    private static string DefaultPreset(int size)
    {
        var relative = size <= AugmentBenchSource.SmallImageLimit ? "hocon/fashion-mnist-moco.conf" : "hocon/imagefolder-224.conf";
        return Presets.Find(relative) ?? throw new CliException($"actorssl bench augment: preset {relative} not found here or above the program; pass --config PRESET.conf");
    }

    private static string Runtime(int workers)
    {
        // From the type, not from the loaded assemblies: a Fashion-MNIST run never decodes, so ImageSharp may not be loaded yet.
        var imageSharp = typeof(SixLabors.ImageSharp.Image).Assembly
            .GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "?";
        return $"{RuntimeInformation.FrameworkDescription}, ImageSharp {imageSharp}, {workers} worker thread(s) on {Environment.ProcessorCount} cores";
    }
}
