using System.Globalization;
using System.Text.RegularExpressions;

namespace ActorSsl.Deploy.Tests;

/// <summary>How long each deployment lets a stopping trainer run before it kills it.</summary>
internal static partial class StopTimes
{
    /// <summary>
    /// On SIGTERM the trainer finishes its step, writes last.ckpt (encoders, momentum buffers, key queue) and leaves the
    /// cluster; Docker's default of 10 s can cut a checkpoint of a larger model short. A minute is the least any
    /// deployment here may give it.
    /// </summary>
    public const int TrainerMinimumSeconds = 60;

    /// <summary>Durations as compose and systemd write them: 90, 90s, 2m, 1m30s, 3min.</summary>
    public static int Seconds(string text)
    {
        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var plain)) return plain;
        var parts = Duration().Matches(text.Replace(" ", ""));
        Assert.True(parts.Count > 0 && string.Concat(parts.Select(p => p.Value)) == text.Replace(" ", ""), $"not a duration: '{text}'");
        return parts.Sum(p => int.Parse(p.Groups[1].Value, CultureInfo.InvariantCulture) * p.Groups[2].Value switch
        {
            "h" => 3600,
            "m" or "min" => 60,
            "s" or "" => 1,
            var unit => throw new InvalidDataException($"unit '{unit}' in '{text}'"),
        });
    }

    [GeneratedRegex(@"(\d+)(h|min|m|s)")]
    private static partial Regex Duration();
}
