using System.Globalization;
using System.Text;
using Akka.Configuration;
using Akka.Configuration.Hocon;

namespace ActorSsl.Core.Settings;

/// <summary>Loads ActorSsl configuration: user HOCON over the embedded, commented reference.conf.</summary>
public static class ActorSslConfig
{
    private static readonly Lazy<Config> Reference = new(() =>
    {
        using var stream = typeof(ActorSslConfig).Assembly.GetManifestResourceStream("ActorSsl.reference.conf")
            ?? throw new InvalidOperationException("ActorSsl.reference.conf is not embedded in ActorSsl.Core");
        using var reader = new StreamReader(stream);
        return ConfigurationFactory.ParseString(reader.ReadToEnd());
    });

    /// <summary>The reference configuration (every key with its default).</summary>
    public static Config DefaultConfig() => Reference.Value;

    /// <summary>
    /// Parses <paramref name="hocon"/> (user settings; may be empty), rejects unknown actorssl keys and
    /// returns it with the reference as fallback.
    /// </summary>
    public static Config FromString(string hocon)
    {
        Config user;
        try
        {
            user = string.IsNullOrWhiteSpace(hocon) ? Config.Empty : ConfigurationFactory.ParseString(hocon);
        }
        catch (Exception e)
        {
            throw new ActorSslConfigException($"Configuration is not valid HOCON: {e.Message}", e);
        }
        return WithReference(user);
    }

    /// <summary>Reads a preset/config file; a missing or malformed file names the file.</summary>
    public static Config FromFile(string path, string overrides = "")
    {
        if (!File.Exists(path))
            throw new ActorSslConfigException($"Configuration file '{path}' does not exist. Presets live in hocon/ (e.g. hocon/fashion-mnist-moco.conf).");
        Config file;
        try
        {
            file = ConfigurationFactory.ParseString(File.ReadAllText(path));
        }
        catch (Exception e)
        {
            throw new ActorSslConfigException($"{path}: not valid HOCON: {e.Message}", e);
        }
        var user = string.IsNullOrWhiteSpace(overrides) ? file : ConfigurationFactory.ParseString(overrides).WithFallback(file);
        return WithReference(user);
    }

    /// <summary>
    /// The <c>actorssl</c> section of <paramref name="config"/> (fallbacks merged) as HOCON text that parses back to the
    /// same values: every key and leaf quoted and escaped. Akka's own rendering of a HOCON object is not such text: it
    /// drops the outer braces, writes an empty string as nothing and leaves quotes inside strings unescaped.
    /// </summary>
    public static string Render(Config config, string root = "actorssl") => HoconWriter.Section(config, root, "cluster.tls");

    private static Config WithReference(Config user)
    {
        ConfigKeyValidator.Validate(user, DefaultConfig());
        return user.WithFallback(DefaultConfig());
    }
}
