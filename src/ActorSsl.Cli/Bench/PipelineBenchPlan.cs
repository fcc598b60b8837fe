using System.Globalization;
using ActorSsl.Actors.Coordination;
using ActorSsl.Cli.CommandLine;
using ActorSsl.Cli.Commands;
using ActorSsl.Core.Settings;
using ActorSsl.Core.Sources;

namespace ActorSsl.Cli.Bench;

/// <summary>
/// What <c>actorssl bench pipeline</c> runs, worked out the same way in the parent and in each phase's child: the
/// <c>actorssl train</c> arguments of the measured run (the user's preset, method and --set, plus one epoch of exactly
/// warm-up + timed steps, no kNN and no periodic checkpoint) and the settings they give.
/// </summary>
public sealed class PipelineBenchPlan
{
    /// <summary>Settings that belong to the bench: a --set of one of them is refused (naming the option to use instead).</summary>
    private static readonly string[] Reserved = ["run.epochs", "run.max-samples", "train.checkpoint.every-steps", "train.eval.knn-every-epochs"];

    private static readonly HashSet<string> TrainOptions = RunConfiguration.Options.ToHashSet();

    private readonly List<string> _userArguments;

    private PipelineBenchPlan(List<string> userArguments, int steps, int warmup, List<string> trainArguments, ActorSslSettings settings, string? preset)
    {
        _userArguments = userArguments;
        Steps = steps;
        Warmup = warmup;
        TrainArguments = trainArguments;
        Settings = settings;
        Preset = preset;
    }

    public int Steps { get; }
    public int Warmup { get; }
    public int TotalSteps => Steps + Warmup;

    /// <summary>The <c>actorssl train</c> arguments of the measured run (without --checkpoint-dir, which the pipeline phase adds).</summary>
    public IReadOnlyList<string> TrainArguments { get; }

    public ActorSslSettings Settings { get; }
    public int BatchSize => Settings.Pipeline.BatchSize;

    /// <summary>The preset file the run starts from (null: reference.conf alone).</summary>
    public string? Preset { get; }

    public static PipelineBenchPlan Create(CliArguments args)
    {
        var steps = args.Int("steps", 1) ?? 120;
        var warmup = args.Int("warmup", 0) ?? 10;
        if (warmup < 1)
            throw new CliException("actorssl bench pipeline: --warmup 0 is not allowed: the first step's wait includes the run's start-up " +
                                   "(model build, first batch); use --warmup 1 or more");
        if (steps + warmup > TrainingTally.RecentCapacity)
            throw new CliException($"actorssl bench pipeline: --steps + --warmup = {steps + warmup} exceeds the {TrainingTally.RecentCapacity} " +
                                   "steps the trainer's tally keeps one by one; lower --steps");

        var user = new List<string>();
        if (args.String("config") is { } config) user.AddRange(["--config", config]);
        if (args.String("method") is { } method) user.AddRange(["--method", method]);
        foreach (var assignment in args.All("set"))
        {
            var key = assignment.Split('=', 2)[0].Trim();
            if (key.StartsWith("actorssl.", StringComparison.Ordinal)) key = key["actorssl.".Length..];
            if (Reserved.Contains(key))
                throw new CliException($"actorssl bench pipeline: --set {key} is the bench's own (one epoch of --warmup + --steps steps, " +
                                       "no kNN, no periodic checkpoints): leave it out and use --steps / --warmup");
            user.AddRange(["--set", assignment]);
        }

        var batch = SettingsOf(user).Pipeline.BatchSize;
        var invariant = CultureInfo.InvariantCulture;
        var train = new List<string>(user)
        {
            "--epochs", "1",
            "--max-samples", checked((steps + warmup) * batch).ToString(invariant),
            "--set", "train.eval.knn-every-epochs=0",
            "--set", "train.checkpoint.every-steps=0",
        };
        return new PipelineBenchPlan(user, steps, warmup, train, SettingsOf(train), RunConfiguration.Preset(Parse(user), DefaultPreset));
    }

    /// <summary>
    /// The run must fit in one epoch of the data: an epoch end inside it would write a checkpoint (and start a new
    /// permutation) in the middle of the timed steps.
    /// </summary>
    public void CheckFitsOneEpoch()
    {
        using var source = SampleSourceFactory.Open(Settings.Data, 0);
        var needed = (long)TotalSteps * BatchSize;
        if (needed <= source.Count) return;
        var most = source.Count / BatchSize - Warmup;
        var fix = most >= 1 ? $"lower --steps (at most {most})" : "lower --warmup";
        throw new CliException(string.Create(CultureInfo.InvariantCulture,
            $"actorssl bench pipeline: --warmup + --steps = {TotalSteps} steps of {BatchSize} need {needed:N0} samples, " +
            $"but {source.Name} has {source.Count:N0}: {fix} or the batch size (--set pipeline.batch-size=N)"));
    }

    /// <summary>The arguments of one phase's child process: <c>bench pipeline</c> with the user's run options and the phase.</summary>
    public IReadOnlyList<string> ChildArguments(string phase, string phaseJson)
    {
        var invariant = CultureInfo.InvariantCulture;
        return
        [
            "bench", "pipeline", .. _userArguments,
            "--steps", Steps.ToString(invariant), "--warmup", Warmup.ToString(invariant),
            "--phase", phase, "--phase-json", phaseJson,
        ];
    }

    private static string? DefaultPreset => Presets.Find(TrainCommand.DefaultPreset);

    private static CliArguments Parse(IReadOnlyList<string> trainArguments) => CliArguments.Parse("bench pipeline", trainArguments, TrainOptions);

    private static ActorSslSettings SettingsOf(IReadOnlyList<string> trainArguments) =>
        ActorSslSettings.Create(RunConfiguration.Build(Parse(trainArguments), DefaultPreset));
}
