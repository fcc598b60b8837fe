using Akka.Actor;
using Akka.Configuration;
using Akka.Hosting;
using ActorSsl.Core.Messages;
using ActorSsl.Core.Serialization;
using ActorSsl.Core.Settings;

namespace ActorSsl.Hosting;

/// <summary><c>WithActorSsl</c>: ActorSsl's configuration and serializer in a host's ActorSystem, validated at start-up.</summary>
public static class ActorSslHostingExtensions
{
    /// <summary>
    /// Adds ActorSsl's reference configuration (every <c>actorssl.*</c> key with its default, and the binding of ActorSsl's
    /// messages to its binary serializer) as a fallback, and <paramref name="actorssl"/> (the app's <c>actorssl { … }</c>
    /// settings; may be null) over the configuration added so far. Unknown <c>actorssl</c> keys in
    /// <paramref name="actorssl"/> fail here; when the host starts, the whole <c>actorssl</c> section of the system's
    /// final configuration is checked again (keys and values, whatever HOCON added them), and a bad one fails the
    /// host's start with an <see cref="ActorSslConfigException"/> naming the key.
    /// </summary>
    public static AkkaConfigurationBuilder WithActorSsl(this AkkaConfigurationBuilder builder, Config? actorssl = null)
    {
        if (actorssl != null && !actorssl.IsEmpty)
        {
            ConfigKeyValidator.Validate(actorssl, ActorSslConfig.DefaultConfig());
            builder.AddHocon(actorssl, HoconAddMode.Prepend);
        }
        builder.AddHocon(ActorSslConfig.DefaultConfig(), HoconAddMode.Append);
        return builder.WithActors((system, _) => Validate(system));
    }

    /// <summary><see cref="WithActorSsl(AkkaConfigurationBuilder, Config?)"/> with the settings as HOCON text.</summary>
    public static AkkaConfigurationBuilder WithActorSsl(this AkkaConfigurationBuilder builder, string actorssl)
    {
        Config config;
        try
        {
            config = string.IsNullOrWhiteSpace(actorssl) ? Config.Empty : ConfigurationFactory.ParseString(actorssl);
        }
        catch (Exception e)
        {
            throw new ActorSslConfigException($"ActorSsl configuration is not valid HOCON: {e.Message}", e);
        }
        return builder.WithActorSsl(config);
    }

    /// <summary>
    /// The start-up check: every <c>actorssl</c> key known and valid, and ActorSsl's messages bound to its serializer
    /// (a missing binding would send them through whatever serializer Akka falls back to).
    /// </summary>
    internal static ActorSslSettings Validate(ActorSystem system)
    {
        var config = system.Settings.Config;
        if (!config.HasPath("actorssl"))
            throw new ActorSslConfigException("actorssl: no ActorSsl configuration in this ActorSystem; call WithActorSsl() on its AkkaConfigurationBuilder.");
        ConfigKeyValidator.Validate(config, ActorSslConfig.DefaultConfig());
        var settings = ActorSslSettings.Create(config);
        var serializer = system.Serialization.FindSerializerForType(typeof(IActorSslMessage));
        if (serializer is not ActorSslSerializer)
            throw new ActorSslConfigException($"akka.actor.serialization-bindings: ActorSsl messages are bound to {serializer.GetType().Name}, " +
                                              $"not {nameof(ActorSslSerializer)} (\"ActorSsl.Core.Messages.IActorSslMessage, ActorSsl.Core\" = actorssl).");
        return settings;
    }
}
