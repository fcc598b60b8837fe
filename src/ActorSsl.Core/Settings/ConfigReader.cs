using System.Globalization;
using Akka.Configuration;
using Akka.Configuration.Hocon;

namespace ActorSsl.Core.Settings;

/// <summary>
/// Typed reads from one section of the configuration that fail with the full HOCON path, the value
/// found and what was expected, instead of HOCON's bare format exceptions. <c>shownAs</c> is the path
/// messages name when it differs from where the values are looked up (an entry of a list, <c>a.b[1]</c>).
/// </summary>
public sealed class ConfigReader(Config config, string section, string? shownAs = null)
{
    private readonly string _shown = shownAs ?? section;

    /// <summary>The path of this section as messages name it.</summary>
    public string Name => _shown;

    /// <summary>The full path of <paramref name="key"/> as messages name it.</summary>
    public string Path(string key) => _shown + "." + key;

    public ConfigReader Section(string key) => new(config, Lookup(key), Path(key));

    /// <summary>
    /// The entries of the list of objects at <paramref name="key"/> (none for <c>[]</c>). Each entry is read as a
    /// section of its own whose missing keys fall back to this section, and whose messages name it <c>key[i]</c>;
    /// <c>Keys</c> are the dotted paths the entry sets itself (e.g. <c>blur.probability</c>), for the caller to check.
    /// <paramref name="example"/> is one entry as messages show it, e.g. <c>{ blur.probability = 1.0 }</c>.
    /// </summary>
    public IReadOnlyList<(ConfigReader Entry, IReadOnlyList<string> Keys)> ObjectList(string key, string example)
    {
        Require(key);
        var expected = $"a list of objects such as [{example}, …]";
        var value = config.GetValue(Lookup(key));
        if (!HoconList.Is(value)) throw Fail(key, value.IsObject() ? "{…}" : value.GetString(), expected);
        var fallback = section.Length == 0 ? config : config.GetConfig(section);
        var entries = new List<(ConfigReader, IReadOnlyList<string>)>();
        var items = value.GetArray();
        for (var i = 0; i < items.Count; i++)
        {
            var item = items[i];
            var entryKey = $"{key}[{i}]";
            if (!item.IsObject()) throw Fail(entryKey, HoconList.Is(item) ? "[…]" : item.GetString(), $"an object such as {example}");
            var entry = new Config(new HoconRoot(item)).WithFallback(fallback);
            entries.Add((new ConfigReader(entry, "", Path(entryKey)), HoconLeaves.Of(item)));
        }
        return entries;
    }

    public string String(string key)
    {
        var value = Raw(key);
        if (string.IsNullOrWhiteSpace(value)) throw Fail(key, value, "a non-empty string");
        return value;
    }

    /// <summary>A string that may be empty.</summary>
    public string OptionalString(string key) => Raw(key);

    public int Int(string key, int min = int.MinValue, int max = int.MaxValue)
    {
        var value = Raw(key);
        if (!int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var result))
            throw Fail(key, value, "a whole number");
        return InRange(key, result, min, max);
    }

    public long Long(string key, long min = long.MinValue, long max = long.MaxValue)
    {
        var value = Raw(key);
        if (!long.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var result))
            throw Fail(key, value, "a whole number");
        if (result < min || result > max) throw Fail(key, value, $"a number in {min}..{max}");
        return result;
    }

    public double Double(string key, double min = double.NegativeInfinity, double max = double.PositiveInfinity)
    {
        var value = Raw(key);
        if (!double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var result) || !double.IsFinite(result))
            throw Fail(key, value, "a number");
        if (result < min || result > max) throw Fail(key, value, $"a number in [{min.ToString(CultureInfo.InvariantCulture)}, {max.ToString(CultureInfo.InvariantCulture)}]");
        return result;
    }

    public bool Bool(string key)
    {
        var value = Raw(key);
        return value.ToLowerInvariant() switch
        {
            "on" or "true" or "yes" => true,
            "off" or "false" or "no" => false,
            _ => throw Fail(key, value, "on/off (or true/false)"),
        };
    }

    public TimeSpan Duration(string key)
    {
        var path = Lookup(key);
        Require(key);
        try
        {
            var value = config.GetTimeSpan(path, null, allowInfinite: false);
            if (value <= TimeSpan.Zero) throw Fail(key, Raw(key), "a positive duration such as 500ms, 2s or 1m");
            return value;
        }
        catch (Exception e) when (e is not ActorSslConfigException)
        {
            throw Fail(key, Raw(key), "a duration such as 500ms, 2s or 1m", e);
        }
    }

    public int[] IntList(string key, int min = int.MinValue, int max = int.MaxValue) =>
        List<int>(key, "a list of whole numbers such as [32, 64, 128]", v =>
            int.TryParse(v, NumberStyles.Integer, CultureInfo.InvariantCulture, out var i) && i >= min && i <= max ? i : null);

    public double[] DoubleList(string key) =>
        List<double>(key, "a list of numbers such as [0.5, 0.5, 0.5]", v =>
            double.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && double.IsFinite(d) ? d : (double?)null);

    private T[] List<T>(string key, string expected, Func<string, T?> parse) where T : struct
    {
        Require(key);
        var value = config.GetValue(Lookup(key));
        if (!value.IsArray()) throw Fail(key, value.ToString(), expected);
        var items = value.GetArray();
        if (items.Count == 0) throw Fail(key, "[]", expected);
        return items.Select(item => parse(item.GetString()) ?? throw Fail(key, value.ToString(), expected)).ToArray();
    }

    public T Enum<T>(string key, params (string Name, T Value)[] choices)
    {
        var value = Raw(key);
        foreach (var (name, choice) in choices)
            if (string.Equals(name, value, StringComparison.OrdinalIgnoreCase)) return choice;
        throw Fail(key, value, "one of " + string.Join(", ", choices.Select(c => c.Name)));
    }

    private int InRange(string key, int value, int min, int max) =>
        value < min || value > max ? throw Fail(key, value.ToString(CultureInfo.InvariantCulture), $"a whole number in {min}..{max}") : value;

    private string Raw(string key)
    {
        Require(key);
        var path = Lookup(key);
        var value = config.GetValue(path);
        if (value.IsObject() || HoconList.Is(value)) throw Fail(key, "{…}", "a single value, not an object or list");
        return config.GetString(path, null) ?? "";
    }

    private void Require(string key)
    {
        if (!config.HasPath(Lookup(key)))
            throw new ActorSslConfigException($"{Path(key)} is missing: the reference configuration defines it, so your configuration must have removed it (set it to a value).");
    }

    private string Lookup(string key) => section.Length == 0 ? key : section + "." + key;

    private ActorSslConfigException Fail(string key, string value, string expected, Exception? inner = null) =>
        new($"{Path(key)} = '{value}' is not valid: expected {expected}.", inner);
}
