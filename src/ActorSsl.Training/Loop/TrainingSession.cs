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
/// One MoCo v2 training run on the training thread: model, EMA target, queue, optimizer and schedules,
/// the per-step update, and exact checkpoint/restore. Must be created, used and disposed on one thread
/// (TorchSharp dispose scopes are per thread).
/// </summary>
public sealed class TrainingSession : IDisposable
{
    private readonly SgdMomentum _optimizer;
    private readonly BatchTensors _tensors;
    private readonly bool _ownsQueueAndTarget;

    /// <param name="handOver">
    /// When given, receives the key queue and the EMA target as soon as they exist, and takes ownership of them
    /// (the session then does not dispose them): the MoCoQueue and EmaTarget actors own them in a pipeline run.
    /// They are created here, on the session's thread, like every other tensor.
    /// </param>
    public TrainingSession(TrainingOptions options, Action<KeyQueue, EmaTargetEncoder>? handOver = null)
    {
        if (options.Method != "mocov2") throw new ArgumentException($"method '{options.Method}' is not available; known: mocov2");
        Options = options;
        Device = DeviceSelector.Select(options.Device);
        GlibcMalloc.TuneForTraining();
        if (options.Threads > 0) torch.set_num_threads(options.Threads);
        if (Device.type == DeviceType.CPU)
            OneDnn.Enabled = options.OneDnnMode switch
            {
                "on" => true,
                "off" => false,
                _ => options.Backbone != "small-resnet" || OneDnn.SafeFor(options.Widths),
            };
        torch.manual_seed((long)(options.Seed & long.MaxValue));
        var online = BuildEncoder(options);
        online.to(Device);
        var targetModule = BuildEncoder(options);
        targetModule.to(Device);
        var target = new EmaTargetEncoder(targetModule, online);
        var queue = new KeyQueue(options.MoCo.QueueSize, options.MoCo.ProjectionDim, Device, (long)(options.Seed & 0x7FFFFFFF) + 1);
        _ownsQueueAndTarget = handOver == null;
        handOver?.Invoke(queue, target);
        Method = new MoCoV2(online, target, queue, options.MoCo);
        _optimizer = new SgdMomentum(online.named_parameters().Select(p => (p.name, (Tensor)p.parameter)), options.SgdMomentum, options.WeightDecay);
        LearningRate = new WarmupCosineSchedule(options.LearningRate, options.TotalSteps, options.WarmupSteps, options.FinalLearningRate);
        EmaMomentum = options.EmaCosine
            ? new MomentumSchedule(options.EmaMomentum, options.EmaFinalMomentum, options.TotalSteps, true)
            : MomentumSchedule.Constant(options.EmaMomentum);
        _tensors = new BatchTensors(Device, new ImageNormalization(options.Mean, options.Std));
        Cursor = new TrainingCursor(0, options.StepsPerEpoch);
    }

    public TrainingOptions Options { get; }
    public Device Device { get; }
    public MoCoV2 Method { get; }
    public WarmupCosineSchedule LearningRate { get; }
    public MomentumSchedule EmaMomentum { get; }
    public TrainingCursor Cursor { get; private set; }

    /// <summary>The backbone whose pooled features are the learned representation.</summary>
    public nn.Module<Tensor, Tensor> Backbone => Method.Online.Backbone;

    private static EncoderWithHead BuildEncoder(TrainingOptions options)
    {
        var backbone = BackboneFactory.Create(options.Backbone, options.InChannels, options.Widths);
        var head = new ProjectionHead(backbone.FeatureDim, options.MoCo.ProjectionHidden, options.MoCo.ProjectionDim);
        return new EncoderWithHead(backbone, head);
    }

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
            Method.Online.train();
            Method.Target.Module.train();
            _optimizer.ZeroGrad();
            var view1 = _tensors.View(batch, 0);
            var view2 = _tensors.View(batch, 1);
            var (lossTensor, keys) = Method.Forward(view1, view2, m);
            loss = lossTensor.item<float>();
            // A non-finite loss must stop the run before it poisons the weights, the EMA target and the queue.
            if (!double.IsFinite(loss))
                throw new InvalidOperationException(
                    $"loss is {loss} at step {step} (epoch {batch.Epoch}): training diverged. Lower actorssl.train.optimizer.lr " +
                    "or resume from the last checkpoint; with small-resnet widths that are not multiples of 16 keep actorssl.train.onednn = auto.");
            lossTensor.backward();
            _optimizer.Step(lr);
            Method.Enqueue(keys);
        }
        Cursor = new TrainingCursor(step + 1, Options.StepsPerEpoch);
        return new StepResult(step, batch.Epoch, batch.Count, loss, lr, m, clock.Elapsed.TotalMilliseconds);
    }

    /// <summary>Writes everything needed to continue this run exactly (atomic: temp file, flush, rename).</summary>
    public void SaveCheckpoint(string path, IReadOnlyDictionary<string, JsonElement>? extra = null)
    {
        var metadata = new CheckpointMetadata
        {
            Method = Options.Method,
            Backbone = Options.Backbone,
            Widths = Options.Widths,
            InChannels = Options.InChannels,
            Seed = Options.Seed,
            NextStep = Cursor.NextStep,
            StepsPerEpoch = Options.StepsPerEpoch,
            TotalSteps = Options.TotalSteps,
            QueuePointer = Method.Queue.Pointer,
            Extra = extra?.ToDictionary(kv => kv.Key, kv => kv.Value) ?? new(),
        };
        var tensors = new List<(string, Tensor)>();
        tensors.AddRange(Method.Online.state_dict().Select(kv => ("online." + kv.Key, kv.Value)));
        tensors.AddRange(Method.Target.Module.state_dict().Select(kv => ("target." + kv.Key, kv.Value)));
        tensors.AddRange(_optimizer.State().Select(s => ("optimizer." + s.Name, s.Buffer)));
        tensors.Add(("queue.keys", Method.Queue.Keys));
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
            LoadModule(Method.Online, tensors, "online.", path);
            LoadModule(Method.Target.Module, tensors, "target.", path);
            _optimizer.LoadState(tensors.Where(kv => kv.Key.StartsWith("optimizer.", StringComparison.Ordinal))
                .ToDictionary(kv => kv.Key["optimizer.".Length..], kv => kv.Value));
            Method.Queue.Load(Required(tensors, "queue.keys", path), metadata.QueuePointer);
            torch.random.set_rng_state(Required(tensors, "rng.cpu", path));
            Cursor = new TrainingCursor(metadata.NextStep, Options.StepsPerEpoch);
            return metadata;
        }
        finally
        {
            foreach (var t in tensors.Values) t.Dispose();
        }
    }

    private static void LoadModule(nn.Module module, Dictionary<string, Tensor> tensors, string prefix, string path)
    {
        foreach (var (name, target) in module.state_dict())
            target.copy_(Required(tensors, prefix + name, path));
    }

    private static Tensor Required(Dictionary<string, Tensor> tensors, string name, string path) =>
        tensors.TryGetValue(name, out var t) ? t : throw new InvalidDataException($"{path}: checkpoint lacks tensor '{name}' (written by another model or version?)");

    public void Dispose()
    {
        _optimizer.Dispose();
        Method.Dispose();
        if (_ownsQueueAndTarget)
        {
            Method.Queue.Dispose();
            Method.Target.Dispose();
        }
    }
}
