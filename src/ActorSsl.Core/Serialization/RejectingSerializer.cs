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
    /// <summary>
    /// The constructor Akka calls for a serializer that has <c>akka.actor.serialization-settings.&lt;name&gt;</c>, which Akka's
    /// own reference configuration defines for <c>json</c>: without it the ActorSystem does not start.
    /// </summary>
    public RejectingSerializer(ExtendedActorSystem system, Config settings) : this(system)
    {
    }

    /// <summary>The id of Akka.NET's NewtonSoftJsonSerializer, which this one replaces.</summary>
    public const int JsonSerializerId = 1;

    public override int Identifier => JsonSerializerId;

    public override bool IncludeManifest => false;

    public override byte[] ToBinary(object obj) =>
        throw new SerializationException($"{obj.GetType().FullName} has no binary serializer: it cannot cross the network " +
                                         "(ActorSsl nodes do not use Akka's polymorphic JSON serializer)");

    public override object FromBinary(byte[] bytes, Type type) =>
        throw new SerializationException("Refused a message for the JSON serializer: ActorSsl nodes only read binary, non-polymorphic formats");
}
