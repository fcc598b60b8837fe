namespace ActorSsl.Core.Messages;

/// <summary>
/// Marker of every ActorSsl message that may cross the network. All of them are bound to
/// <see cref="Serialization.ActorSslSerializer"/>: binary, versioned manifests, no type names on the wire.
/// </summary>
public interface IActorSslMessage;
