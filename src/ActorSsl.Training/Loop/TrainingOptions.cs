using ActorSsl.Training.Methods;

namespace ActorSsl.Training.Loop;

/// <summary>Everything the training thread needs to build and drive a run (no Akka, no HOCON).</summary>
public sealed record TrainingOptions
{
    public string Method { get; init; } = "mocov2";
    public string Backbone { get; init; } = "small-resnet";
    public int[] Widths { get; init; } = { 32, 64, 128 };
    public int InChannels { get; init; } = 1;
    public int ImageSize { get; init; } = 28;
    public string Device { get; init; } = "cpu";
    /// <summary>oneDNN CPU kernels: "auto" (on unless a conv width is not a multiple of 16, see <see cref="OneDnn"/>), "on" or "off".</summary>
    public string OneDnnMode { get; init; } = "auto";
    /// <summary>libtorch intra-op threads; 0 leaves libtorch's default.</summary>
    public int Threads { get; init; }
    /// <summary>"fp32", or "bf16": the backbone's passes in bfloat16 mixed precision (<see cref="Models.MixedPrecision"/>). Resolved: never "auto".</summary>
    public string Precision { get; init; } = "fp32";
    /// <summary>
    /// Activation layout: "auto", "channels-last" or "contiguous" (<see cref="Models.ChannelsLast.Decide"/>); the
    /// session's <see cref="TrainingSession.ChannelsLast"/> is the outcome.
    /// </summary>
    public string MemoryFormat { get; init; } = "auto";
    public ulong Seed { get; init; } = 42;
    public double LearningRate { get; init; } = 0.06;
    public double FinalLearningRate { get; init; }
    public double SgdMomentum { get; init; } = 0.9;
    public double WeightDecay { get; init; } = 5e-4;
    public long WarmupSteps { get; init; }
    public long TotalSteps { get; init; } = 1;
    public int StepsPerEpoch { get; init; } = 1;
    /// <summary>MoCo v2's EMA momentum (BYOL's comes from <see cref="Byol"/>).</summary>
    public double EmaMomentum { get; init; } = 0.99;
    public double EmaFinalMomentum { get; init; } = 0.99;
    public bool EmaCosine { get; init; }
    public MoCoV2Options MoCo { get; init; } = new();
    public SimClrOptions SimClr { get; init; } = new();
    public ByolOptions Byol { get; init; } = new();
    public BarlowTwinsOptions BarlowTwins { get; init; } = new();
    public SimSiamOptions SimSiam { get; init; } = new();
    public VicRegOptions VicReg { get; init; } = new();
    public float[] Mean { get; init; } = { 0.2860f };
    public float[] Std { get; init; } = { 0.3530f };
}
