namespace ActorSsl.Actors.Cluster;

/// <summary>The cluster roles of ActorSsl nodes (<c>akka.cluster.roles</c>).</summary>
public static class ClusterRoles
{
    /// <summary>A stable contact point: listed in every node's seed-nodes; holds no run state.</summary>
    public const string Seed = "seed";

    /// <summary>Serves augmentation to whichever run a trainer node offers.</summary>
    public const string Augment = "augment";

    /// <summary>Owns a run: data loader, batch inbox, coordinator, trainer (and optionally local augmentation).</summary>
    public const string Trainer = "trainer";

    public static IReadOnlyList<string> All { get; } = [Seed, Augment, Trainer];

    /// <summary>The actor system name every ActorSsl node uses (seed-node addresses must name it).</summary>
    public const string SystemName = "actorssl";
}
