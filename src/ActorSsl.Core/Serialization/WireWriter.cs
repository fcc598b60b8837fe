using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Text;

namespace ActorSsl.Core.Serialization;

/// <summary>Little-endian writer into one growing array; byte payloads are copied raw (no base64).</summary>
internal sealed class WireWriter(int capacity = 64)
{
    private byte[] _buffer = new byte[Math.Max(16, capacity)];
    private int _length;

    public void Int(int value) => BinaryPrimitives.WriteInt32LittleEndian(Grow(4), value);

    public void Long(long value) => BinaryPrimitives.WriteInt64LittleEndian(Grow(8), value);

    public void Double(double value) => BinaryPrimitives.WriteDoubleLittleEndian(Grow(8), value);

    public void Bool(bool value) => Grow(1)[0] = value ? (byte)1 : (byte)0;

    public void Ints(int[] values)
    {
        Int(values.Length);
        MemoryMarshal.AsBytes(values.AsSpan()).CopyTo(Grow(values.Length * 4));
        if (!BitConverter.IsLittleEndian) throw new PlatformNotSupportedException("ActorSsl's wire format is little-endian");
    }

    public void Bytes(byte[] values)
    {
        Int(values.Length);
        values.CopyTo(Grow(values.Length));
    }

    public void String(string value)
    {
        var count = Encoding.UTF8.GetByteCount(value);
        Int(count);
        Encoding.UTF8.GetBytes(value, Grow(count));
    }

    public void Strings(string[] values)
    {
        Int(values.Length);
        foreach (var value in values) String(value);
    }

    public byte[] ToArray() => _buffer.AsSpan(0, _length).ToArray();

    private Span<byte> Grow(int count)
    {
        if (_length + count > _buffer.Length) Array.Resize(ref _buffer, Math.Max(_buffer.Length * 2, _length + count));
        var span = _buffer.AsSpan(_length, count);
        _length += count;
        return span;
    }
}
