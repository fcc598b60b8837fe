using System.Globalization;
using System.Text;
using Akka.Configuration;
using Akka.Configuration.Hocon;

namespace ActorSsl.Core.Settings;

/// <summary>
/// Writes a configuration section as HOCON text that parses back to the same values. Akka's own rendering
/// (<c>Config.Root.ToString()</c>) leaves out the outer braces and does not escape quotes inside strings, so it
/// does not round-trip. Every key and every scalar is written quoted (ActorSsl reads all values from their text).
/// </summary>
public static class HoconWriter
{
    /// <summary>
    /// <paramref name="path"/> and everything under it, e.g. <c>actorssl { … }</c>, leaving out the sub-paths in
    /// <paramref name="exclude"/> (relative to <paramref name="path"/>, e.g. <c>cluster.tls</c>).
    /// </summary>
    public static string Section(Config config, string path, params string[] exclude)
    {
        var segments = path.Split('.');
        var text = new StringBuilder();
        for (var i = 0; i < segments.Length; i++) text.Append(' ', 2 * i).Append(Quote(segments[i])).Append(" {\n");
        // GetConfig(path).Root: the whole section, fallbacks (ActorSsl's reference.conf) included.
        WriteMembers(text, config.GetConfig(path).Root, segments.Length, "", exclude.ToHashSet(StringComparer.Ordinal));
        for (var i = segments.Length - 1; i >= 0; i--) text.Append(' ', 2 * i).Append("}\n");
        return text.ToString();
    }

    private static void WriteMembers(StringBuilder text, HoconValue value, int depth, string relative, HashSet<string> exclude)
    {
        foreach (var (key, child) in value.GetObject().Items)
        {
            var childPath = relative.Length == 0 ? key : relative + "." + key;
            if (exclude.Contains(childPath)) continue;
            text.Append(' ', 2 * depth).Append(Quote(key)).Append(child.IsObject() ? " " : " = ");
            Write(text, child, depth, childPath, exclude);
            text.Append('\n');
        }
    }

    private static void Write(StringBuilder text, HoconValue value, int depth, string relative, HashSet<string> exclude)
    {
        if (value.IsObject())
        {
            text.Append("{\n");
            WriteMembers(text, value, depth + 1, relative, exclude);
            text.Append(' ', 2 * depth).Append('}');
        }
        else if (HoconList.Is(value))
        {
            text.Append('[');
            var first = true;
            foreach (var item in value.GetArray())
            {
                if (!first) text.Append(", ");
                first = false;
                Write(text, item, depth + 1, relative, exclude);
            }
            text.Append(']');
        }
        else
        {
            text.Append(Quote(value.GetString() ?? ""));
        }
    }

    private static string Quote(string value)
    {
        var text = new StringBuilder(value.Length + 2).Append('"');
        foreach (var c in value)
        {
            switch (c)
            {
                case '"': text.Append("\\\""); break;
                case '\\': text.Append("\\\\"); break;
                case '\n': text.Append("\\n"); break;
                case '\r': text.Append("\\r"); break;
                case '\t': text.Append("\\t"); break;
                case '\b': text.Append("\\b"); break;
                case '\f': text.Append("\\f"); break;
                default:
                    if (char.IsControl(c)) text.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    else text.Append(c);
                    break;
            }
        }
        return text.Append('"').ToString();
    }
}
