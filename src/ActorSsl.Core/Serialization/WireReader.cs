using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Runtime.Serialization;
using System.Text;

namespace ActorSsl.Core.Serialization;

/// <summary>
/// Reader for <see cref="WireWriter"/>'s format that trusts nothing: every length is checked against the
/// bytes that remain, so a hostile or truncated message fails with a SerializationException, never a huge allocation.
/// </summary>
internal ref struct WireReader(ReadOnlySpan<byte> data, string manifest)
{
    private ReadOnlySpan<byte> _data = data;

    public int Int() => BinaryPrimitives.ReadInt32LittleEndian(Take(4));

    public long Long() => BinaryPrimitives.ReadInt64LittleEndian(Take(8));

    public double Double() => BinaryPrimitives.ReadDoubleLittleEndian(Take(8));

    public bool Bool() => Take(1)[0] switch
    {
        0 => false,
        1 => true,
        var b => throw Fail($"bad boolean byte {b}"),
    };

    public int[] Ints()
    {
        var count = Count(4);
        var result = new int[count];
        Take(count * 4).CopyTo(MemoryMarshal.AsBytes(result.AsSpan()));
        return result;
    }

    public byte[] Bytes() => Take(Count(1)).ToArray();

    public string String() => Encoding.UTF8.GetString(Take(Count(1)));

    public string[] Strings()
    {
        var count = Count(4);
        var result = new string[count];
        for (var i = 0; i < count; i++) result[i] = String();
        return result;
    }

    public void End()
    {
        if (_data.Length != 0) throw Fail($"{_data.Length} unexpected trailing bytes");
    }

    private int Count(int minBytesEach)
    {
        var count = Int();
        if (count < 0 || (long)count * minBytesEach > _data.Length) throw Fail($"length {count} exceeds the {_data.Length} bytes left");
        return count;
    }

    private ReadOnlySpan<byte> Take(int count)
    {
        if (count > _data.Length) throw Fail($"truncated: needed {count} more bytes, {_data.Length} left");
        var span = _data[..count];
        _data = _data[count..];
        return span;
    }

    private SerializationException Fail(string what) => new($"ActorSsl message '{manifest}' is malformed: {what}");
}
