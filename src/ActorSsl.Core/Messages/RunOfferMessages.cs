using Akka.Actor;

namespace ActorSsl.Core.Messages;

/// <summary>Augment node → a trainer node's run host: "which run may I serve?" Answered with a <see cref="RunOffer"/> once a run is up.</summary>
public sealed class RequestRunOffer : IActorSslMessage
{
    public static readonly RequestRunOffer Instance = new();
    private RequestRunOffer() { }
}

/// <summary>
/// Run host → augment node: everything an augmentation node needs to serve a run: the run's identity, its
/// <c>actorssl</c> configuration (HOCON text: data, augmentation recipe, seed, pipeline sizes; parsed and validated
/// by the receiver like a local file, never deserialized into types), how samples travel
/// (<see cref="DataTransport"/>: <c>bytes</c> or <c>shared-path</c>), how shipped bytes decode
/// (<see cref="PayloadFormat"/>), and the data loader and batch inbox to talk to.
/// </summary>
public sealed record RunOffer(string RunId, string ConfigHocon, string DataTransport, string PayloadFormat, IActorRef Loader, IActorRef Inbox)
    : IActorSslMessage;

/// <summary>Run host → augment nodes: the run is over (completed, failed or stopped); stop its workers.</summary>
public sealed record RunEnded(string RunId) : IActorSslMessage;
