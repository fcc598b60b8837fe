using System.Globalization;

namespace ActorSsl.Data;

/// <summary>Culture-independent formatting for error messages ("47,040,000", "60000×28×28").</summary>
internal static class Numbers
{
    public static string Grouped(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    public static string Shape(IEnumerable<int> dimensions) =>
        string.Join("×", dimensions.Select(d => d.ToString(CultureInfo.InvariantCulture)));
}
