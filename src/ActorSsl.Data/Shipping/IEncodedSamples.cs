namespace ActorSsl.Data.Shipping;

/// <summary>
/// A source whose samples can be read as their encoded bytes (a file's bytes, an IDX item's raw pixels) so that
/// they can travel to an augmentation node that has no copy of the data; <see cref="PayloadFormat"/> tells that
/// node how to decode them.
/// </summary>
public interface IEncodedSamples
{
    /// <summary>How the bytes of every sample are decoded (see <see cref="PayloadFormat.Parse"/>).</summary>
    PayloadFormat PayloadFormat { get; }

    /// <summary>
    /// The encoded bytes of sample <paramref name="index"/>, or null with a one-line <paramref name="failure"/>
    /// (unreadable file, larger than <paramref name="maxBytes"/>). Never throws for bad sample content.
    /// </summary>
    byte[]? TryReadEncoded(int index, int maxBytes, out string? failure);
}
