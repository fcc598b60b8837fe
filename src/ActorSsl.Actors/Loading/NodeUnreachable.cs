using Akka.Actor;

namespace ActorSsl.Actors.Loading;

/// <summary>
/// Cluster watcher → DataLoader (local): the failure detector lost the node at <paramref name="Address"/>; the
/// leases its workers hold are reissued now rather than when the node is finally downed and removed.
/// </summary>
public sealed record NodeUnreachable(Address Address) : INoSerializationVerificationNeeded;
