using ActorSsl.Training.Methods;
using ActorSsl.Training.Models;

namespace ActorSsl.Core.Settings;

/// <summary>
/// <c>actorssl.train</c>: method, model, device, optimizer, per-method hyper-parameters, checkpoint and evaluation
/// settings. Every method's section is read and validated whichever method is selected, so a bad value anywhere
/// stops start-up naming its key.
/// </summary>
public sealed record TrainSettings(
    string Method,
    string Backbone,
    int[] Widths,
    string Device,
    string OneDnn,
    int Threads,
    string Precision,
    string MemoryFormat,
    float[] Mean,
    float[] Std,
    double LearningRate,
    double SgdMomentum,
    double WeightDecay,
    int WarmupEpochs,
    double FinalLearningRate,
    MoCoV2Options MoCo,
    double EmaMomentum,
    bool EmaCosine,
    double EmaFinalMomentum,
    string CheckpointDirectory,
    int CheckpointEverySteps,
    int KnnEveryEpochs,
    int KnnK,
    double KnnTemperature,
    bool KnnRawPixels,
    int LinearEpochs,
    double LinearLearningRate,
    SimClrOptions SimClr,
    ByolOptions Byol,
    BarlowTwinsOptions BarlowTwins,
    SimSiamOptions SimSiam,
    VicRegOptions VicReg)
{
    public static readonly string[] Methods = MethodRegistry.Names.ToArray();
    public static readonly string[] Backbones = { "small-resnet", "resnet18-cifar", "resnet50" };

    public static TrainSettings Create(ConfigReader t, int channels)
    {
        var method = t.Enum("method", Methods.Select(m => (m, m)).ToArray());
        var backbone = t.Enum("backbone", Backbones.Select(b => (b, b)).ToArray());
        var widths = t.IntList("widths", 1, 4096);
        var mean = t.DoubleList("mean").Select(v => (float)v).ToArray();
        var std = t.DoubleList("std").Select(v => (float)v).ToArray();
        if (mean.Length != channels || std.Length != channels)
            throw new ActorSslConfigException($"{t.Path("mean")} and {t.Path("std")} need one value per channel ({channels}, from actorssl.data.channels); found {mean.Length} and {std.Length}.");
        if (std.Any(s => s <= 0)) throw new ActorSslConfigException($"{t.Path("std")}: every value must be positive.");
        var device = t.String("device");
        if (!(device == "cpu" || device == "cuda" || (device.StartsWith("cuda:") && int.TryParse(device[5..], out var n) && n >= 0)))
            throw new ActorSslConfigException($"{t.Path("device")} = '{device}' is not valid: expected cpu, cuda or cuda:N.");
        var opt = t.Section("optimizer");
        var moco = t.Section("moco");
        var ckpt = t.Section("checkpoint");
        var eval = t.Section("eval");
        var mocoOptions = new MoCoV2Options
        {
            QueueSize = moco.Int("queue-size", 1),
            Temperature = moco.Double("temperature", 1e-4, 100),
            ProjectionHidden = moco.Int("projection-hidden", 1),
            ProjectionDim = moco.Int("projection-dim", 1),
        };
        return new TrainSettings(method, backbone, widths, device, t.Enum("onednn", ("auto", "auto"), ("on", "on"), ("off", "off")), t.Int("threads", 0, 1024),
            t.Enum("precision", ("fp32", "fp32"), ("bf16", "bf16"), ("auto", "auto")),
            t.Enum("memory-format", ChannelsLast.Modes.Select(m => (m, m)).ToArray()), mean, std,
            opt.Double("lr", 0), opt.Double("momentum", 0, 1), opt.Double("weight-decay", 0), opt.Int("warmup-epochs", 0), opt.Double("final-lr", 0),
            mocoOptions, moco.Double("momentum", 0, 1), moco.Enum("momentum-schedule", ("constant", false), ("cosine", true)), moco.Double("final-momentum", 0, 1),
            ckpt.String("dir"), ckpt.Int("every-steps", 0),
            eval.Int("knn-every-epochs", 0), eval.Int("knn-k", 1), eval.Double("knn-temperature", 1e-6), eval.Bool("knn-raw-pixels"),
            eval.Int("linear-epochs", 1), eval.Double("linear-lr", 0),
            ReadSimClr(t.Section("simclr")), ReadByol(t.Section("byol")), ReadBarlowTwins(t.Section("barlowtwins")),
            ReadSimSiam(t.Section("simsiam")), ReadVicReg(t.Section("vicreg")));
    }

    private static SimClrOptions ReadSimClr(ConfigReader s) => new()
    {
        Temperature = s.Double("temperature", 1e-4, 100),
        ProjectionHidden = s.Int("projection-hidden", 1, 65536),
        ProjectionDim = s.Int("projection-dim", 1, 65536),
    };

    private static ByolOptions ReadByol(ConfigReader s)
    {
        var options = new ByolOptions
        {
            ProjectionHidden = s.Int("projection-hidden", 1, 65536),
            ProjectionDim = s.Int("projection-dim", 1, 65536),
            PredictorHidden = s.Int("predictor-hidden", 1, 65536),
            MomentumStart = s.Double("momentum-start", 0, 1),
            MomentumEnd = s.Double("momentum-end", 0, 1),
        };
        if (options.MomentumEnd < options.MomentumStart)
            throw new ActorSslConfigException($"{s.Path("momentum-end")} = {options.MomentumEnd} is not valid: the momentum only rises, so it must be at least {s.Path("momentum-start")} = {options.MomentumStart}.");
        return options;
    }

    private static BarlowTwinsOptions ReadBarlowTwins(ConfigReader s) => new()
    {
        Lambda = s.Double("lambda", 0, 1),
        ProjectionHidden = s.Int("projection-hidden", 1, 65536),
        ProjectionDim = s.Int("projection-dim", 1, 65536),
    };

    private static SimSiamOptions ReadSimSiam(ConfigReader s) => new()
    {
        ProjectionHidden = s.Int("projection-hidden", 1, 65536),
        ProjectionDim = s.Int("projection-dim", 1, 65536),
        PredictorHidden = s.Int("predictor-hidden", 1, 65536),
        FixedPredictorLearningRate = s.Bool("fixed-predictor-lr"),
    };

    private static VicRegOptions ReadVicReg(ConfigReader s) => new()
    {
        InvarianceWeight = s.Double("invariance-weight", 0, 1e4),
        VarianceWeight = s.Double("variance-weight", 0, 1e4),
        CovarianceWeight = s.Double("covariance-weight", 0, 1e4),
        ProjectionHidden = s.Int("projection-hidden", 1, 65536),
        ProjectionDim = s.Int("projection-dim", 1, 65536),
    };
}
