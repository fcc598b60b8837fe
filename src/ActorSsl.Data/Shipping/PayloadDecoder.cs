using ActorSsl.Imaging;
using ActorSsl.Imaging.Decoding;

namespace ActorSsl.Data.Shipping;

/// <summary>
/// Turns shipped sample bytes back into pixels on an augmentation node. One per worker thread (it owns a
/// <see cref="SafeImageDecoder"/>); raw payloads are checked against their declared size, files go through the
/// same hostile-input checks as local files.
/// </summary>
public sealed class PayloadDecoder(PayloadFormat format, int channels, DecoderLimits limits) : IDisposable
{
    private readonly SafeImageDecoder? _decoder = format.IsFile ? new SafeImageDecoder(limits) : null;

    public int Channels => channels;

    public bool TryDecode(ReadOnlySpan<byte> payload, PixelImage target, out string? failure)
    {
        if (_decoder != null) return _decoder.TryDecode(payload, channels, target, out failure);
        var pixels = format.Width * format.Height;
        if (payload.Length != pixels)
        {
            failure = $"raw payload of {payload.Length} bytes, expected {format.Width}x{format.Height} = {pixels}";
            return false;
        }
        var destination = target.Reset(format.Width, format.Height, channels);
        if (channels == 1)
        {
            payload.CopyTo(destination);
        }
        else
        {
            for (int i = 0, o = 0; i < payload.Length; i++, o += 3)
                destination[o] = destination[o + 1] = destination[o + 2] = payload[i];
        }
        failure = null;
        return true;
    }

    public void Dispose() => _decoder?.Dispose();
}
