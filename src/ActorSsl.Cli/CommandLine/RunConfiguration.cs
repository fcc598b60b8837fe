using System.Globalization;
using System.Text;
using Akka.Configuration;
using ActorSsl.Core.Settings;

namespace ActorSsl.Cli.CommandLine;

/// <summary>
/// Turns the shared run options (--config, --data, --epochs, …, --set key=value) into HOCON overrides over
/// the chosen preset and the reference configuration, so command-line values obey the same validation.
/// </summary>
public static class RunConfiguration
{
    public static readonly string[] Options =
        { "config", "method", "data", "epochs", "workers", "batch-size", "max-samples", "image-size", "channels", "seed", "set" };

    public static Config Build(CliArguments args, string? defaultPreset = null)
    {
        var overrides = new StringBuilder();
        void Set(string key, string value) =>
            overrides.Append(key.StartsWith("akka.", StringComparison.Ordinal) ? "" : "actorssl.").Append(key).Append(" = ").Append(value).Append('\n');
        void SetInt(string option, string key)
        {
            if (args.Int(option, 0) is { } v) Set(key, v.ToString(CultureInfo.InvariantCulture));
        }

        if (args.String("data") is { } data)
        {
            if (string.Equals(data, "fashion-mnist", StringComparison.OrdinalIgnoreCase))
            {
                Set("data.source", "fashion-mnist");
            }
            else
            {
                Set("data.source", "folder");
                Set("data.path", Quote(Path.GetFullPath(data)));
            }
        }
        var method = args.String("method");
        if (method != null) Set("train.method", Quote(method));
        SetInt("epochs", "run.epochs");
        SetInt("workers", "augment.workers");
        SetInt("batch-size", "pipeline.batch-size");
        SetInt("max-samples", "run.max-samples");
        SetInt("image-size", "augment.image-size");
        SetInt("channels", "data.channels");
        SetInt("seed", "run.seed");
        foreach (var assignment in args.All("set"))
        {
            var eq = assignment.IndexOf('=');
            if (eq <= 0) throw new CliException($"actorssl {args.Command}: --set '{assignment}' must look like pipeline.batch-size=128");
            var key = assignment[..eq].Trim();
            Set(key.StartsWith("actorssl.", StringComparison.Ordinal) ? key["actorssl.".Length..] : key, Quote(assignment[(eq + 1)..].Trim()));
        }

        var preset = Preset(args, defaultPreset);
        return preset != null
            ? ActorSslConfig.FromFile(preset, overrides.ToString())
            : ActorSslConfig.FromString(overrides.ToString());
    }

    /// <summary>
    /// The preset file a run of <paramref name="args"/> starts from: --config, else --method's Fashion-MNIST preset when
    /// one ships (mocov2's is the default preset), else <paramref name="defaultPreset"/> when it exists; null for none.
    /// </summary>
    public static string? Preset(CliArguments args, string? defaultPreset)
    {
        var method = args.String("method");
        var methodPreset = defaultPreset != null && method != null && TrainSettings.Methods.Contains(method) ? Presets.Find($"hocon/fashion-mnist-{method}.conf") : null;
        return args.String("config") ?? methodPreset ?? (defaultPreset != null && File.Exists(defaultPreset) ? defaultPreset : null);
    }

    private static string Quote(string value) =>
        value.Length > 0 && (value.All(c => char.IsLetterOrDigit(c) || c is '.' or '-' or '_') || IsNumberList(value)) ? value : "\"" + value.Replace("\\", "\\\\").Replace("\"", "\\\"") + "\"";

    /// <summary>A list of plain numbers such as [0.485, 0.456, 0.406] stays a HOCON list (anything else is quoted).</summary>
    private static bool IsNumberList(string value) =>
        value.StartsWith('[') && value.EndsWith(']') && value[1..^1].Split(',').All(v =>
            double.TryParse(v.Trim(), System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out _));
}
