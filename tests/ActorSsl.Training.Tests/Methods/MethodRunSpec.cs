using System.Buffers;
using ActorSsl.Data.Batches;
using ActorSsl.Training.Loop;
using ActorSsl.Training.Methods;
using TorchSharp;
using static TorchSharp.torch;

namespace ActorSsl.Training.Tests.Methods;

/// <summary>
/// Every registered method trains through the method-agnostic <see cref="TrainingSession"/>: short CPU runs on tiny
/// synthetic images (small-resnet 16-16-16, 12×12, batch 16) stay finite and move the weights, BYOL and SimSiam do not
/// collapse over a short run, and a checkpoint resumes a run exactly.
/// </summary>
public class MethodRunSpec : IDisposable
{
    private const int Count = 16, Size = 12, Pool = 64;
    private readonly string _dir = Directory.CreateTempSubdirectory("actorssl-methods-").FullName;
    private readonly int _threads;

    public MethodRunSpec()
    {
        TorchRuntime.EnsureAvailable();
        _threads = torch.get_num_threads();
    }

    public static TheoryData<string> AllMethods() => new(MethodRegistry.Names);

    internal static TrainingOptions Options(string method) => new()
    {
        Method = method,
        Backbone = "small-resnet",
        Widths = new[] { 16, 16, 16 },
        InChannels = 1,
        ImageSize = Size,
        OneDnnMode = "off",
        // One intra-op thread (restored after each test): ops this small only pay for synchronisation, and seconds
        // of it when the machine is busy.
        Threads = 1,
        Seed = 5,
        LearningRate = 0.05,
        StepsPerEpoch = 6,
        TotalSteps = 20,
        MoCo = new MoCoV2Options { QueueSize = 64, ProjectionHidden = 16, ProjectionDim = 8 },
        SimClr = new SimClrOptions { ProjectionHidden = 16, ProjectionDim = 8 },
        Byol = new ByolOptions { ProjectionHidden = 32, ProjectionDim = 8, PredictorHidden = 32 },
        BarlowTwins = new BarlowTwinsOptions { ProjectionHidden = 32, ProjectionDim = 32 },
        SimSiam = new SimSiamOptions { ProjectionHidden = 32, ProjectionDim = 16, PredictorHidden = 8 },
        VicReg = new VicRegOptions { ProjectionHidden = 32, ProjectionDim = 32 },
    };

    /// <summary>
    /// Batch k is a pure function of k (like the real pipeline's): 16 of a fixed pool of 64 random images, each seen
    /// twice with independent noise, so the two views share content as augmented views do.
    /// </summary>
    internal static Batch SyntheticBatch(long step)
    {
        const int viewBytes = Size * Size;
        var pool = new byte[Pool * viewBytes];
        new Random(7).NextBytes(pool);
        var random = new Random((int)step + 100);
        var samples = Enumerable.Range(0, Count).Select(_ => random.Next(Pool)).ToArray();
        var pixels = ArrayPool<byte>.Shared.Rent(2 * Count * viewBytes);
        for (var view = 0; view < 2; view++)
            for (var i = 0; i < Count; i++)
                for (var p = 0; p < viewBytes; p++)
                    pixels[(view * Count + i) * viewBytes + p] = (byte)Math.Clamp(pool[samples[i] * viewBytes + p] + random.Next(-24, 25), 0, 255);
        return new Batch((int)(step / 6) + 1, (int)(step % 6), step, samples, 2, 1, Size, pixels);
    }

    private static List<double> Train(TrainingSession session, long from, long to)
    {
        var losses = new List<double>();
        for (var step = from; step < to; step++)
        {
            using var batch = SyntheticBatch(step);
            losses.Add(session.Step(batch).Loss);
        }
        return losses;
    }

    /// <summary>Every number the method carries from step to step: its named state (modules, queue).</summary>
    private static float[] State(TrainingSession session) =>
        session.Method.State().Where(s => s.Tensor.dtype == ScalarType.Float32).SelectMany(s => s.Tensor.data<float>().ToArray()).ToArray();

    private static float[] OnlineWeights(TrainingSession session) =>
        session.Method.Online.parameters().SelectMany(p => p.data<float>().ToArray()).ToArray();

    [Theory]
    [MemberData(nameof(AllMethods))]
    public void Short_run_must_keep_the_loss_finite_and_change_the_weights(string method)
    {
        using var session = new TrainingSession(Options(method));
        Assert.Equal(method, session.Method.Name);
        var before = OnlineWeights(session);
        var losses = Train(session, 0, 12);
        Assert.All(losses, l => Assert.True(double.IsFinite(l), $"{method}: loss {l}"));
        var after = OnlineWeights(session);
        Assert.Equal(before.Length, after.Length);
        Assert.True(before.Zip(after, (a, b) => Math.Abs(a - b)).Max() > 1e-4, $"{method}: the weights did not move");
        Assert.All(after, w => Assert.True(float.IsFinite(w)));
    }

    [Fact]
    public void Byol_must_move_its_target_towards_the_online_network_and_train_its_predictor()
    {
        using var session = new TrainingSession(Options("byol"));
        var byol = Assert.IsType<Byol>(session.Method);
        float[] Flat(nn.Module m) => m.parameters().SelectMany(p => p.data<float>().ToArray()).ToArray();
        var target = Flat(byol.Target.Module);
        var predictor = Flat(byol.Predictor);
        Assert.Equal(OnlineWeights(session), target);   // starts as a copy
        Train(session, 0, 4);
        Assert.NotEqual(target, Flat(byol.Target.Module));
        Assert.NotEqual(predictor, Flat(byol.Predictor));
        Assert.NotEqual(OnlineWeights(session), Flat(byol.Target.Module));   // lags behind: m ≈ 0.99
        Assert.InRange(session.EmaMomentum.At(0), 0.99, 0.99);
        Assert.InRange(session.EmaMomentum.At(20), 1.0, 1.0);
    }

    [Fact]
    public void SimSiam_with_a_fixed_predictor_rate_must_change_only_the_predictor_updates()
    {
        // Two steps of a 2-step cosine: step 0 runs at the base rate either way, step 1 at half of it, except the
        // fixed predictor. So after two steps the online weights agree exactly (step 1's gradients still come from
        // the same predictor) and only the predictor differs.
        var options = Options("simsiam") with { TotalSteps = 2 };
        using var scheduled = new TrainingSession(options);
        using var fixedRate = new TrainingSession(options with { SimSiam = options.SimSiam with { FixedPredictorLearningRate = true } });
        var simSiam = Assert.IsType<SimSiam>(fixedRate.Method);
        Assert.All(simSiam.TrainableParameters(), p => Assert.Equal(p.Name.StartsWith("predictor."), simSiam.UsesFixedLearningRate(p.Name)));
        Assert.False(scheduled.Method.UsesFixedLearningRate("predictor.0.weight"));
        Train(scheduled, 0, 2);
        Train(fixedRate, 0, 2);
        float[] Predictor(TrainingSession s) => ((SimSiam)s.Method).Predictor.parameters().SelectMany(p => p.data<float>().ToArray()).ToArray();
        Assert.Equal(OnlineWeights(scheduled), OnlineWeights(fixedRate));
        Assert.NotEqual(Predictor(scheduled), Predictor(fixedRate));
    }

    [Theory]
    [InlineData("byol")]
    [InlineData("simsiam")]
    public void Short_run_must_not_collapse_the_embeddings(string method)
    {
        // A collapsed encoder maps every image to one point: the per-dimension std of the normalised projections over
        // a batch falls towards 0, while spread-out embeddings sit near 1/√D. After 20 steps both methods measured
        // about 0.85/√D here; the floor is SimSiamCollapseSpec's 0.5/√D, where the control without stop-gradient fails.
        using var session = new TrainingSession(Options(method) with { TotalSteps = 20 });
        Train(session, 0, 20);
        using var scope = torch.NewDisposeScope();
        using var noGrad = torch.no_grad();
        session.Method.Online.eval();
        using var batch = SyntheticBatch(1000);
        var tensors = new BatchTensors(session.Device, new ActorSsl.Training.Evaluation.ImageNormalization(session.Options.Mean, session.Options.Std));
        var z = nn.functional.normalize(session.Method.Online.call(tensors.View(batch, 0)), dim: 1);
        var std = z.std(0, unbiased: false).mean().item<float>();
        var floor = 0.5 / Math.Sqrt(z.shape[1]);
        Assert.True(std > floor, $"{method}: mean per-dimension std {std:F4} is below 0.5/√D = {floor:F4}: collapse");
    }

    [Theory]
    [InlineData("simclr")]
    [InlineData("byol")]
    [InlineData("simsiam")]
    public void Twenty_steps_straight_must_equal_ten_steps_checkpoint_resume_and_ten_more(string method)
    {
        float[] straight;
        using (var session = new TrainingSession(Options(method)))
        {
            Train(session, 0, 20);
            straight = State(session);
        }

        var checkpoint = Path.Combine(_dir, method + ".ckpt");
        using (var first = new TrainingSession(Options(method)))
        {
            Train(first, 0, 10);
            first.SaveCheckpoint(checkpoint);
        }
        float[] resumed;
        using (var second = new TrainingSession(Options(method)))
        {
            var metadata = second.LoadCheckpoint(checkpoint);
            Assert.Equal(method, metadata.Method);
            Assert.Equal(10, second.Cursor.NextStep);
            Train(second, 10, 20);
            resumed = State(second);
        }

        Assert.Equal(straight.Length, resumed.Length);
        var worst = straight.Zip(resumed, (a, b) => Math.Abs(a - b)).Max();
        Assert.True(worst <= 1e-5, $"{method}: largest state difference {worst}");
    }

    [Fact]
    public void Checkpoint_of_another_method_must_be_refused_naming_both()
    {
        var checkpoint = Path.Combine(_dir, "simclr.ckpt");
        using (var session = new TrainingSession(Options("simclr"))) session.SaveCheckpoint(checkpoint);
        using var byol = new TrainingSession(Options("byol"));
        var e = Assert.Throws<InvalidDataException>(() => byol.LoadCheckpoint(checkpoint));
        Assert.Contains("'simclr'", e.Message);
        Assert.Contains("'byol'", e.Message);
        Assert.Contains("actorssl.train.method", e.Message);
    }

    [Fact]
    public void Hand_over_must_give_byol_its_target_and_no_queue_and_skip_methods_with_neither()
    {
        KeyQueue? queue = null;
        EmaTargetEncoder? target = null;
        var calls = 0;
        using (var byol = new TrainingSession(Options("byol"), (q, t) => { calls++; queue = q; target = t; }))
        {
            Assert.Equal(1, calls);
            Assert.Null(queue);
            Assert.Same(byol.Method.Target, target);
            Train(byol, 0, 1);
        }
        // The receiver owns it: the session left it alive.
        Assert.NotNull(target!.Module.parameters().First().data<float>().ToArray());
        target.Dispose();

        using (new TrainingSession(Options("simclr"), (_, _) => calls++)) { }
        Assert.Equal(1, calls);

        using (var moco = new TrainingSession(Options("mocov2"), (q, t) => { calls++; queue = q; target = t; }))
        {
            Assert.Same(moco.Method.Queue, queue);
            Assert.Same(moco.Method.Target, target);
        }
        queue!.Dispose();
        target!.Dispose();
    }

    [Fact]
    public void Unknown_method_must_be_refused_listing_the_known_ones()
    {
        var e = Assert.Throws<ArgumentException>(() => new TrainingSession(Options("dino")));
        Assert.Contains("dino", e.Message);
        foreach (var name in new[] { "mocov2", "simclr", "byol", "barlowtwins", "simsiam", "vicreg" }) Assert.Contains(name, e.Message);
    }

    public void Dispose()
    {
        torch.set_num_threads(_threads);
        Directory.Delete(_dir, recursive: true);
    }
}
