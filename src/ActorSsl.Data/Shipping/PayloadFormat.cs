using System.Globalization;

namespace ActorSsl.Data.Shipping;

/// <summary>
/// How shipped sample bytes are decoded: <c>file</c> (an encoded image file: JPEG, PNG, … through the safe decoder)
/// or <c>raw-gray:WxH</c> (W×H unsigned bytes, row-major, as in IDX files). Travels as text in a run offer.
/// </summary>
public sealed record PayloadFormat(bool IsFile, int Width, int Height)
{
    public static PayloadFormat File { get; } = new(true, 0, 0);

    public static PayloadFormat RawGray(int width, int height) =>
        width > 0 && height > 0 ? new(false, width, height) : throw new ArgumentOutOfRangeException(nameof(width), $"raw image {width}x{height} must have positive sides");

    public override string ToString() => IsFile ? "file" : string.Create(CultureInfo.InvariantCulture, $"raw-gray:{Width}x{Height}");

    /// <summary>Parses <see cref="ToString"/>'s form; anything else is a <see cref="FormatException"/> naming the text.</summary>
    public static PayloadFormat Parse(string text)
    {
        if (text == "file") return File;
        if (text.StartsWith("raw-gray:", StringComparison.Ordinal))
        {
            var size = text["raw-gray:".Length..].Split('x');
            if (size.Length == 2 && int.TryParse(size[0], NumberStyles.None, CultureInfo.InvariantCulture, out var w)
                && int.TryParse(size[1], NumberStyles.None, CultureInfo.InvariantCulture, out var h) && w > 0 && h > 0 && (long)w * h <= 1 << 26)
                return new PayloadFormat(false, w, h);
        }
        throw new FormatException($"unknown payload format '{text}' (expected 'file' or 'raw-gray:WxH')");
    }
}
