using ActorSsl.Training.Loop;
using static TorchSharp.torch;

namespace ActorSsl.Training.Methods;

/// <summary>What the rest of the system needs to know about a method before building it.</summary>
/// <param name="Name">The name <c>actorssl.train.method</c> selects it by.</param>
/// <param name="UsesQueue">Whether it keeps a queue of negative keys (the MoCoQueue actor owns it in a pipeline run).</param>
/// <param name="UsesEmaTarget">Whether it keeps a momentum target (the EmaTarget actor owns it in a pipeline run).</param>
/// <param name="Create">Builds the method's modules on the session's thread, after the session has seeded torch.</param>
public sealed record SslMethodInfo(string Name, bool UsesQueue, bool UsesEmaTarget, Func<TrainingOptions, Device, SslMethod> Create);

/// <summary>The self-supervised methods by name. Adding a method: one file in this folder and one line here.</summary>
public static class MethodRegistry
{
    private static readonly SslMethodInfo[] Methods =
    {
        new("mocov2", UsesQueue: true, UsesEmaTarget: true, MoCoV2.Create),
        new("simclr", UsesQueue: false, UsesEmaTarget: false, SimClr.Create),
        new("byol", UsesQueue: false, UsesEmaTarget: true, Byol.Create),
        new("barlowtwins", UsesQueue: false, UsesEmaTarget: false, BarlowTwins.Create),
        new("simsiam", UsesQueue: false, UsesEmaTarget: false, SimSiam.Create),
        new("vicreg", UsesQueue: false, UsesEmaTarget: false, VicReg.Create),
    };

    /// <summary>Every registered name, in registration order.</summary>
    public static IReadOnlyList<string> Names { get; } = Methods.Select(m => m.Name).ToArray();

    public static SslMethodInfo Find(string name) =>
        Methods.FirstOrDefault(m => m.Name == name)
        ?? throw new ArgumentException($"method '{name}' is not available; known: {string.Join(", ", Names)}");

    public static SslMethod Create(TrainingOptions options, Device device) => Find(options.Method).Create(options, device);
}
