using Akka.Configuration;
using Akka.Configuration.Hocon;

namespace ActorSsl.Core.Settings;

/// <summary>
/// Rejects keys under <c>actorssl</c> that the reference configuration does not define: a typo such as
/// <c>batch-szie</c> must stop start-up, not silently fall back to the default.
/// </summary>
public static class ConfigKeyValidator
{
    public static void Validate(Config user, Config reference, string root = "actorssl")
    {
        if (!user.HasPath(root)) return;
        var unknown = new List<string>();
        Walk(user.GetValue(root), reference, root, unknown);
        if (unknown.Count > 0)
            throw new ActorSslConfigException(
                $"Unknown configuration key{(unknown.Count > 1 ? "s" : "")}: {string.Join(", ", unknown)}. " +
                "Check the spelling against the commented reference.conf (src/ActorSsl.Core/reference.conf).");
    }

    private static void Walk(HoconValue value, Config reference, string path, List<string> unknown)
    {
        if (!reference.HasPath(path))
        {
            unknown.Add(path);
            return;
        }
        if (!value.IsObject()) return;
        var referenceValue = reference.GetValue(path);
        if (!referenceValue.IsObject())
        {
            unknown.Add(path + " (expected a single value, found an object)");
            return;
        }
        foreach (var (key, child) in value.GetObject().Items)
            Walk(child, reference, path + "." + Quote(key), unknown);
    }

    private static string Quote(string key) => key.Contains('.') ? "\"" + key + "\"" : key;
}
