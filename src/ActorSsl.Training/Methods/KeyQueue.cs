using TorchSharp;
using static TorchSharp.torch;

namespace ActorSsl.Training.Methods;

/// <summary>
/// MoCo's dictionary of negative keys: a K×D tensor of L2-normalised keys and the pointer where the next
/// keys go (oldest first out). Keys are written in step order; a batch that runs past the end wraps around.
/// </summary>
public sealed class KeyQueue : IDisposable
{
    public KeyQueue(int size, int dim, Device device, long seed)
    {
        if (size <= 0 || dim <= 0) throw new ArgumentOutOfRangeException(nameof(size), "queue size and key dimension must be positive");
        using var generator = new Generator((ulong)seed, device: CPU);
        using var random = torch.randn(new long[] { size, dim }, generator: generator);
        Keys = torch.nn.functional.normalize(random, dim: 1).to(device).DetachFromDisposeScope();
        Size = size;
        Dim = dim;
    }

    public Tensor Keys { get; }
    public int Size { get; }
    public int Dim { get; }
    public long Pointer { get; private set; }

    /// <summary>Writes <paramref name="keys"/> ([B,D], already normalised) at the pointer and advances it.</summary>
    public void Enqueue(Tensor keys)
    {
        using var noGrad = torch.no_grad();
        var count = keys.shape[0];
        if (keys.shape[1] != Dim) throw new ArgumentException($"keys have dimension {keys.shape[1]}, the queue holds {Dim}");
        if (count > Size) throw new ArgumentException($"a batch of {count} keys does not fit a queue of {Size}");
        var first = Math.Min(count, Size - Pointer);
        using (var head = Keys.narrow(0, Pointer, first))
        using (var src = keys.narrow(0, 0, first))
            head.copy_(src);
        if (first < count)
        {
            using var tail = Keys.narrow(0, 0, count - first);
            using var src = keys.narrow(0, first, count - first);
            tail.copy_(src);
        }
        Pointer = (Pointer + count) % Size;
    }

    /// <summary>Restores keys and pointer from a checkpoint.</summary>
    public void Load(Tensor keys, long pointer)
    {
        if (!keys.shape.SequenceEqual(Keys.shape)) throw new InvalidDataException($"checkpoint queue has shape [{string.Join(",", keys.shape)}], this run expects [{Size},{Dim}]");
        if (pointer < 0 || pointer >= Size) throw new InvalidDataException($"checkpoint queue pointer {pointer} is outside 0..{Size - 1}");
        using var noGrad = torch.no_grad();
        Keys.copy_(keys);
        Pointer = pointer;
    }

    public void Dispose() => Keys.Dispose();
}
