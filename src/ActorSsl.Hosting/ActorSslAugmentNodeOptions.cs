namespace ActorSsl.Hosting;

/// <summary>How a hosted augment node (<see cref="ActorSslAugmentNodeHostingExtensions.WithActorSslAugmentNode"/>) serves runs.</summary>
public sealed class ActorSslAugmentNodeOptions
{
    /// <summary>
    /// Augmentation workers this node serves a run with (one pinned thread each). Default: <c>actorssl.augment.workers</c>.
    /// Set it when the same host also runs a trainer whose local worker count differs.
    /// </summary>
    public int? Workers { get; set; }
}
