using Akka.Configuration;

namespace ActorSsl.Actors.Cluster;

/// <summary>
/// How an augment node serves runs. <paramref name="LocalConfig"/> is this node's own configuration (its
/// <c>actorssl.augment.workers</c> and <c>actorssl.data</c> decoder limits win over the offer's); with
/// <paramref name="ExitWhenRunEnds"/> the node serves one run and then completes the task given to <see cref="AugmentNode.Props"/>.
/// </summary>
public sealed record AugmentNodeOptions(Config LocalConfig, bool ExitWhenRunEnds = false);
