namespace ActorSsl.Actors.Cluster;

/// <summary>
/// The .NET GC settings that chunk transfer between nodes needs, and whether this process runs with them.
/// Every chunk crosses Akka.Remote as several 256 KiB arrays per side (ActorSsl's serializer, the protobuf envelope,
/// DotNetty's frame). By default .NET puts arrays over 85,000 bytes in the large-object heap, whose allocations
/// count towards full (gen 2) collections, and gives gen 0 a small budget, so the transfer spent most of its CPU in
/// the GC: 79–83 MB/s with the defaults (and the previous serializer) on the 2-core machine, 379–432 MB/s with both
/// settings (README, Cluster).
/// <list type="bullet">
/// <item>The large-object threshold (<see cref="LohThresholdProperty"/>, 4 MiB) is in the runtimeconfig.json of
/// every program under src/ (<c>actorssl</c>, the hosting sample): src/Directory.Build.targets sets it.</item>
/// <item>The gen-0 budget can only be set in the environment (<see cref="Gen0SizeVariable"/>; .NET reads no
/// runtimeconfig.json property for it): deploy/'s Dockerfile and systemd units set it; a node started by hand
/// warns when it is missing.</item>
/// </list>
/// </summary>
public static class RemotingGcSettings
{
    public const string Gen0SizeVariable = "DOTNET_GCgen0size";

    /// <summary>64 MiB, hexadecimal as .NET reads GC environment variables.</summary>
    public const string Gen0SizeValue = "0x4000000";

    public const string LohThresholdProperty = "System.GC.LOHThreshold";

    public const long LohThresholdValue = 4 * 1024 * 1024;

    /// <summary>This process's gen-0 budget setting, or null when it runs with .NET's default.</summary>
    public static string? Gen0Size => Environment.GetEnvironmentVariable(Gen0SizeVariable) is { Length: > 0 } value ? value : null;

    /// <summary>This process's large-object threshold in bytes, or null when it runs with .NET's default (85,000).</summary>
    public static long? LohThreshold => AppContext.GetData(LohThresholdProperty) switch
    {
        null => null,
        var value => long.TryParse(Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture), out var bytes) ? bytes : null,
    };

    /// <summary>What a node prints at start-up when a setting is missing; null when both are set.</summary>
    public static string? Warning()
    {
        var missing = new List<string>();
        if (Gen0Size is null) missing.Add($"{Gen0SizeVariable}={Gen0SizeValue} is not in the environment");
        if (LohThreshold is null) missing.Add($"{LohThresholdProperty} is not in the runtimeconfig.json");
        return missing.Count == 0
            ? null
            : $"{string.Join(" and ", missing)}: chunks between nodes move 2–5× slower with .NET's default GC settings " +
              "(deploy/'s Dockerfile and systemd units set both; README, Cluster)";
    }
}
