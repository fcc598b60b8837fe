using Akka.Configuration;
using Akka.Hosting;
using ActorSsl.Core.Serialization;

namespace ActorSsl.Hosting;

/// <summary><c>WithActorSslClusterSecurity</c>: what <c>hocon/cluster/base.conf</c> does for the serializers of a cluster node.</summary>
public static class ActorSslClusterSecurityHostingExtensions
{
    /// <summary>
    /// Akka's serializer for types without a binding is a polymorphic JSON serializer that writes type names on the wire;
    /// it must never read remote input. This replaces it, under its own name and id, with
    /// <see cref="RejectingSerializer"/>, which refuses both directions: a frame that claims the JSON serializer is
    /// rejected, and a message type with no binary serializer fails when sent. ActorSsl's messages use ActorSsl's
    /// serializer and Akka's own messages their protobuf serializers. Use it on every node of a cluster that runs ActorSsl
    /// (the app's own remote messages then need binary serializers too).
    /// </summary>
    public static AkkaConfigurationBuilder WithActorSslClusterSecurity(this AkkaConfigurationBuilder builder) =>
        builder.AddHocon(ConfigurationFactory.ParseString(
            $"akka.actor.serializers.json = \"{typeof(RejectingSerializer).FullName}, {typeof(RejectingSerializer).Assembly.GetName().Name}\""),
            HoconAddMode.Prepend);
}
