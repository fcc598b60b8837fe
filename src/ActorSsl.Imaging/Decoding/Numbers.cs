using System.Globalization;

namespace ActorSsl.Imaging.Decoding;

/// <summary>Culture-independent number formatting for failure reasons ("2,500,000,000").</summary>
internal static class Numbers
{
    public static string Grouped(long value) => value.ToString("N0", CultureInfo.InvariantCulture);
}
