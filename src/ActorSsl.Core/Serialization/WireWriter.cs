using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Text;

namespace ActorSsl.Core.Serialization;

/// <summary>
/// Little-endian writer; byte payloads are copied raw (no base64). Used in two passes so that a message is written
/// once into an array of exactly its size, which is handed to Akka as it is: a <see cref="Measuring"/> writer only
/// counts bytes, then an <see cref="Exact"/> writer of that size receives them. A chunk of pixels is thus copied
/// once on its way out, not once more by a final trim.
/// </summary>
internal sealed class WireWriter
{
    private readonly byte[]? _buffer;
    private int _length;

    private WireWriter(byte[]? buffer) => _buffer = buffer;

    /// <summary>A writer that writes nothing and counts the bytes it would write (<see cref="Length"/>).</summary>
    public static WireWriter Measuring() => new(null);

    /// <summary>A writer into an array of exactly <paramref name="size"/> bytes, all of which must be written.</summary>
    public static WireWriter Exact(int size) => new(new byte[size]);

    public int Length => _length;

    public void Int(int value)
    {
        if (Reserve(4, out var span)) BinaryPrimitives.WriteInt32LittleEndian(span, value);
    }

    public void Long(long value)
    {
        if (Reserve(8, out var span)) BinaryPrimitives.WriteInt64LittleEndian(span, value);
    }

    public void Double(double value)
    {
        if (Reserve(8, out var span)) BinaryPrimitives.WriteDoubleLittleEndian(span, value);
    }

    public void Bool(bool value)
    {
        if (Reserve(1, out var span)) span[0] = value ? (byte)1 : (byte)0;
    }

    public void Ints(int[] values)
    {
        if (!BitConverter.IsLittleEndian) throw new PlatformNotSupportedException("ActorSsl's wire format is little-endian");
        Int(values.Length);
        if (Reserve(values.Length * 4, out var span)) MemoryMarshal.AsBytes(values.AsSpan()).CopyTo(span);
    }

    public void Bytes(byte[] values)
    {
        Int(values.Length);
        if (Reserve(values.Length, out var span)) values.CopyTo(span);
    }

    public void String(string value)
    {
        var count = Encoding.UTF8.GetByteCount(value);
        Int(count);
        if (Reserve(count, out var span)) Encoding.UTF8.GetBytes(value, span);
    }

    public void Strings(string[] values)
    {
        Int(values.Length);
        foreach (var value in values) String(value);
    }

    /// <summary>The written array itself (no copy); every byte of it must have been written.</summary>
    public byte[] Result()
    {
        if (_buffer is null) throw new InvalidOperationException("a measuring WireWriter has no bytes");
        if (_length != _buffer.Length)
            throw new InvalidOperationException($"WireWriter: {_length} bytes written into an array of {_buffer.Length} (the two passes differ)");
        return _buffer;
    }

    /// <summary>Advances by <paramref name="count"/>; false when measuring (nothing to write into).</summary>
    private bool Reserve(int count, out Span<byte> span)
    {
        var start = _length;
        _length = checked(_length + count);
        if (_buffer is null)
        {
            span = default;
            return false;
        }
        if (_length > _buffer.Length)
            throw new InvalidOperationException($"WireWriter: writing past the {_buffer.Length} bytes measured (the two passes differ)");
        span = _buffer.AsSpan(start, count);
        return true;
    }
}
