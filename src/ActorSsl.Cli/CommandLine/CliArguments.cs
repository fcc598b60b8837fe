using System.Globalization;

namespace ActorSsl.Cli.CommandLine;

/// <summary>
/// Parsed <c>--name value</c> options of one command. Unknown options and missing values are errors
/// that name the option, so a typo never silently runs with defaults.
/// </summary>
public sealed class CliArguments
{
    private readonly Dictionary<string, List<string>> _values = new(StringComparer.Ordinal);

    private CliArguments(string command) => Command = command;

    public string Command { get; }

    public static CliArguments Parse(string command, IReadOnlyList<string> args, IReadOnlySet<string> valueOptions, IReadOnlySet<string>? flags = null)
    {
        var result = new CliArguments(command);
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            string name;
            string? value = null;
            if (!arg.StartsWith("--", StringComparison.Ordinal))
                throw new CliException($"actorssl {command}: unexpected argument '{arg}' (options start with --; see 'actorssl {command} --help')");
            var eq = arg.IndexOf('=');
            if (eq > 0)
            {
                name = arg[2..eq];
                value = arg[(eq + 1)..];
            }
            else name = arg[2..];

            if (flags?.Contains(name) == true)
            {
                result.Add(name, value ?? "true");
                continue;
            }
            if (!valueOptions.Contains(name))
                throw new CliException($"actorssl {command}: unknown option --{name}. Known: {string.Join(", ", valueOptions.Concat(flags ?? new HashSet<string>()).Select(o => "--" + o).Order())}");
            if (value == null)
            {
                if (i + 1 >= args.Count) throw new CliException($"actorssl {command}: --{name} needs a value");
                value = args[++i];
            }
            result.Add(name, value);
        }
        return result;
    }

    private void Add(string name, string value)
    {
        if (!_values.TryGetValue(name, out var list)) _values[name] = list = new List<string>();
        list.Add(value);
    }

    public bool Has(string name) => _values.ContainsKey(name);

    public string? String(string name) => _values.TryGetValue(name, out var v) ? v[^1] : null;

    public IReadOnlyList<string> All(string name) => _values.TryGetValue(name, out var v) ? v : Array.Empty<string>();

    public int? Int(string name, int min = 0)
    {
        var text = String(name);
        if (text == null) return null;
        if (!int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) || value < min)
            throw new CliException($"actorssl {Command}: --{name} '{text}' must be a whole number ≥ {min}");
        return value;
    }

    /// <summary>A number (e.g. seconds) of at least <paramref name="min"/>; finite, invariant culture.</summary>
    public double? Double(string name, double min)
    {
        var text = String(name);
        if (text == null) return null;
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || !double.IsFinite(value) || value < min)
            throw new CliException($"actorssl {Command}: --{name} '{text}' must be a number ≥ {min.ToString(CultureInfo.InvariantCulture)}");
        return value;
    }
}

/// <summary>A command-line mistake: printed as is, exit code 2.</summary>
public sealed class CliException(string message) : Exception(message);
