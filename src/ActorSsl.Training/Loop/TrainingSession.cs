using System.Diagnostics;
using System.Text.Json;
using ActorSsl.Data.Batches;
using ActorSsl.Training.Checkpoints;
using ActorSsl.Training.Evaluation;
using ActorSsl.Training.Methods;
using ActorSsl.Training.Models;
using ActorSsl.Training.Optim;
using ActorSsl.Training.Schedules;
using TorchSharp;
using static TorchSharp.torch;

namespace ActorSsl.Training.Loop;

/// <summary>
/// One training run on the training thread, for any registered <see cref="SslMethod"/>: the method's modules, the
/// optimizer and schedules, the per-step update, and exact checkpoint/restore (method state, optimizer, RNG).
/// Must be created, used and disposed on one thread (TorchSharp dispose scopes are per thread).
/// </summary>
public sealed class TrainingSession : IDisposable
{
    private readonly SgdMomentum _optimizer;
    private readonly BatchTensors _tensors;
    private readonly ScalarType? _computeType;

    /// <param name="handOver">
    /// When given, receives the method's key queue and EMA target (each null when the method has none) as soon as
    /// they exist, and takes ownership of them (the session then does not dispose them): the MoCoQueue and EmaTarget
    /// actors own them in a pipeline run. They are created here, on the session's thread, like every other tensor.
    /// Not called for methods with neither.
    /// </param>
    public TrainingSession(TrainingOptions options, Action<KeyQueue?, EmaTargetEncoder?>? handOver = null)
    {
        var method = MethodRegistry.Find(options.Method);
        Options = options;
        Device = DeviceSelector.Select(options.Device);
        GlibcMalloc.TuneForTraining();
        if (options.Threads > 0) torch.set_num_threads(options.Threads);
        if (Device.type == DeviceType.CPU) OneDnn.Enabled = OneDnn.Decide(options.OneDnnMode, options.Backbone, options.Widths);
        torch.manual_seed((long)(options.Seed & long.MaxValue));
        Method = method.Create(options, Device);
        if (handOver != null) Method.HandOver(handOver);
        _optimizer = new SgdMomentum(Method.TrainableParameters(), options.SgdMomentum, options.WeightDecay, Method.UsesFixedLearningRate);
        LearningRate = new WarmupCosineSchedule(options.LearningRate, options.TotalSteps, options.WarmupSteps, options.FinalLearningRate);
        EmaMomentum = Method.Momentum ?? MomentumSchedule.Constant(0);
        ChannelsLast = UsesChannelsLast(options);
        _tensors = new BatchTensors(Device, new ImageNormalization(options.Mean, options.Std));
        _computeType = MixedPrecision.Parse(options.Precision);
        Cursor = new TrainingCursor(0, options.StepsPerEpoch);
    }

    public TrainingOptions Options { get; }

    /// <summary>Whether the backbones' activations are laid out channels-last (<see cref="UsesChannelsLast"/>).</summary>
    public bool ChannelsLast { get; }

    /// <summary>Whether a session with <paramref name="options"/> lays its activations out channels-last (<see cref="Models.ChannelsLast.Decide"/>).</summary>
    public static bool UsesChannelsLast(TrainingOptions options)
    {
        var cpu = DeviceSelector.Parse(options.Device).type == DeviceType.CPU;
        return Models.ChannelsLast.Decide(options.MemoryFormat, cpu, cpu && OneDnn.Decide(options.OneDnnMode, options.Backbone, options.Widths));
    }

    public Device Device { get; }
    public SslMethod Method { get; }
    public WarmupCosineSchedule LearningRate { get; }

    /// <summary>The EMA momentum per step (constant 0 for methods without an EMA target).</summary>
    public MomentumSchedule EmaMomentum { get; }

    public TrainingCursor Cursor { get; private set; }

    /// <summary>The backbone whose pooled features are the learned representation.</summary>
    public nn.Module<Tensor, Tensor> Backbone => Method.Online.Backbone;

    /// <summary>One optimisation step on <paramref name="batch"/> (its Step is the global step number).</summary>
    public StepResult Step(Batch batch)
    {
        var clock = Stopwatch.StartNew();
        var step = batch.Step;
        var lr = LearningRate.At(step);
        var m = EmaMomentum.At(step);
        double loss;
        using (var scope = torch.NewDisposeScope())
        {
            Method.Train();
            _optimizer.ZeroGrad();
            var view1 = _tensors.View(batch, 0);
            var view2 = _tensors.View(batch, 1);
            Tensor lossTensor;
            using (MixedPrecision.Enter(_computeType))
            using (Models.ChannelsLast.Enter(ChannelsLast))
                lossTensor = Method.Loss(view1, view2, m);
            loss = lossTensor.item<float>();
            // A non-finite loss must stop the run before it poisons the weights, the EMA target and the queue.
            if (!double.IsFinite(loss))
                throw new InvalidOperationException(
                    $"loss is {loss} at step {step} (epoch {batch.Epoch}): training diverged. Lower actorssl.train.optimizer.lr " +
                    "or resume from the last checkpoint; with small-resnet widths that are not multiples of 16 keep actorssl.train.onednn = auto.");
            lossTensor.backward();
            _optimizer.Step(lr, LearningRate.BaseRate);
            Method.AfterStep(m);
        }
        Cursor = new TrainingCursor(step + 1, Options.StepsPerEpoch);
        return new StepResult(step, batch.Epoch, batch.Count, loss, lr, m, clock.Elapsed.TotalMilliseconds);
    }

    /// <summary>Writes everything needed to continue this run exactly (atomic: temp file, flush, rename).</summary>
    public void SaveCheckpoint(string path, IReadOnlyDictionary<string, JsonElement>? extra = null)
    {
        var metadata = new CheckpointMetadata
        {
            Method = Method.Name,
            Backbone = Options.Backbone,
            Widths = Options.Widths,
            InChannels = Options.InChannels,
            Seed = Options.Seed,
            NextStep = Cursor.NextStep,
            StepsPerEpoch = Options.StepsPerEpoch,
            TotalSteps = Options.TotalSteps,
            QueuePointer = Method.Queue?.Pointer ?? 0,
            Extra = extra?.ToDictionary(kv => kv.Key, kv => kv.Value) ?? new(),
        };
        var tensors = new List<(string, Tensor)>();
        tensors.AddRange(Method.State());
        tensors.AddRange(_optimizer.State().Select(s => ("optimizer." + s.Name, s.Buffer)));
        using var rng = torch.random.get_rng_state();
        tensors.Add(("rng.cpu", rng));
        CheckpointFile.Write(path, JsonSerializer.Serialize(metadata), tensors);
    }

    /// <summary>Restores a checkpoint written by <see cref="SaveCheckpoint"/> of a compatible run.</summary>
    public CheckpointMetadata LoadCheckpoint(string path)
    {
        var (json, tensors) = CheckpointFile.Read(path);
        try
        {
            var metadata = JsonSerializer.Deserialize<CheckpointMetadata>(json) ?? throw new InvalidDataException($"{path}: empty metadata");
            metadata.CheckCompatible(Options, path);
            using var noGrad = torch.no_grad();
            Method.LoadState(tensors, metadata, path);
            _optimizer.LoadState(tensors.Where(kv => kv.Key.StartsWith("optimizer.", StringComparison.Ordinal))
                .ToDictionary(kv => kv.Key["optimizer.".Length..], kv => kv.Value));
            torch.random.set_rng_state(tensors.TryGetValue("rng.cpu", out var rng) ? rng : throw new InvalidDataException($"{path}: checkpoint lacks tensor 'rng.cpu' (written by another model or version?)"));
            Cursor = new TrainingCursor(metadata.NextStep, Options.StepsPerEpoch);
            return metadata;
        }
        finally
        {
            foreach (var t in tensors.Values) t.Dispose();
        }
    }

    public void Dispose()
    {
        _optimizer.Dispose();
        Method.Dispose();
    }
}
