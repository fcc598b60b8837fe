using System.Runtime.Serialization;
using Akka.Actor;
using Akka.Configuration;
using Akka.Serialization;

namespace ActorSsl.Core.Serialization;

/// <summary>
/// Takes the place of Akka's polymorphic JSON serializer (same id, 1) on cluster nodes: it serializes nothing and
/// deserializes nothing. A message type with no binary serializer then fails loudly when sent, and a frame that
/// names the JSON serializer — the one a hostile peer would pick to get arbitrary types instantiated — is refused.
/// </summary>
public sealed class RejectingSerializer(ExtendedActorSystem system) : Serializer(system)
{
    /// <summary>Akka passes the replaced serializer's settings section (serialization-settings.json); there is nothing to read.</summary>
    public RejectingSerializer(ExtendedActorSystem system, Akka.Configuration.Config settings) : this(system)
    {
    }

    /// <summary>The id of Akka.NET's NewtonSoftJsonSerializer, which this one replaces.</summary>
    public const int JsonSerializerId = 1;

    /// <summary>
    /// Akka constructs a serializer with its <c>akka.actor.serialization-settings.NAME</c> section when one exists,
    /// and Akka's reference configuration has one for <c>json</c>.
    /// </summary>
    public RejectingSerializer(ExtendedActorSystem system, Config settings) : this(system)
    {
    }

    public override int Identifier => JsonSerializerId;

    public override bool IncludeManifest => false;

    public override byte[] ToBinary(object obj) =>
        throw new SerializationException($"{obj.GetType().FullName} has no binary serializer: it cannot cross the network " +
                                         "(ActorSsl nodes do not use Akka's polymorphic JSON serializer)");

    public override object FromBinary(byte[] bytes, Type type) =>
        throw new SerializationException("Refused a message for the JSON serializer: ActorSsl nodes only read binary, non-polymorphic formats");
}
