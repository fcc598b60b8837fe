using System.Text;
using TorchSharp;
using static TorchSharp.torch;

namespace ActorSsl.Training.Checkpoints;

/// <summary>
/// ActorSsl's checkpoint container: a JSON metadata block and named tensors stored raw (dtype, shape,
/// bytes). Written atomically: a temp file beside the target, flushed to disk, then renamed over it, so a
/// crash leaves the previous checkpoint intact. Reading validates every length and names the file on error.
/// </summary>
public static class CheckpointFile
{
    private static readonly byte[] Magic = "ASSLCKPT"u8.ToArray();
    private const int Version = 1;

    public static void Write(string path, string metadataJson, IEnumerable<(string Name, Tensor Tensor)> tensors)
    {
        var full = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        var temp = full + ".tmp-" + Environment.ProcessId;
        using (var stream = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 20))
        using (var writer = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true))
        {
            writer.Write(Magic);
            writer.Write(Version);
            writer.Write(metadataJson);
            var list = tensors.ToList();
            writer.Write(list.Count);
            foreach (var (name, tensor) in list)
            {
                using var cpu = tensor.detach().cpu().contiguous();
                writer.Write(name);
                writer.Write((int)cpu.dtype);
                writer.Write(cpu.shape.Length);
                foreach (var d in cpu.shape) writer.Write(d);
                var bytes = cpu.bytes;
                writer.Write((long)bytes.Length);
                writer.Write(bytes);
            }
            writer.Flush();
            stream.Flush(flushToDisk: true);
        }
        File.Move(temp, full, overwrite: true);
    }

    /// <summary>Only the metadata block (cheap: tensors are not read).</summary>
    public static CheckpointMetadata ReadMetadata(string path)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"checkpoint '{path}' does not exist", path);
        using var stream = File.OpenRead(path);
        using var reader = new BinaryReader(stream, Encoding.UTF8);
        try
        {
            if (!reader.ReadBytes(Magic.Length).AsSpan().SequenceEqual(Magic))
                throw new InvalidDataException($"{path}: not an ActorSsl checkpoint (bad magic)");
            var version = reader.ReadInt32();
            if (version != Version) throw new InvalidDataException($"{path}: checkpoint version {version}, this build reads version {Version}");
            return System.Text.Json.JsonSerializer.Deserialize<CheckpointMetadata>(reader.ReadString())
                   ?? throw new InvalidDataException($"{path}: empty metadata");
        }
        catch (EndOfStreamException e)
        {
            throw new InvalidDataException($"{path}: checkpoint is truncated", e);
        }
    }

    public static (string MetadataJson, Dictionary<string, Tensor> Tensors) Read(string path)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"checkpoint '{path}' does not exist", path);
        using var stream = File.OpenRead(path);
        using var reader = new BinaryReader(stream, Encoding.UTF8);
        try
        {
            if (!reader.ReadBytes(Magic.Length).AsSpan().SequenceEqual(Magic))
                throw new InvalidDataException($"{path}: not an ActorSsl checkpoint (bad magic)");
            var version = reader.ReadInt32();
            if (version != Version) throw new InvalidDataException($"{path}: checkpoint version {version}, this build reads version {Version}");
            var metadata = reader.ReadString();
            var count = reader.ReadInt32();
            if (count < 0 || count > 1_000_000) throw new InvalidDataException($"{path}: implausible tensor count {count}");
            var tensors = new Dictionary<string, Tensor>(count);
            for (var i = 0; i < count; i++)
            {
                var name = reader.ReadString();
                var dtype = (ScalarType)reader.ReadInt32();
                var rank = reader.ReadInt32();
                if (rank < 0 || rank > 8) throw new InvalidDataException($"{path}: tensor '{name}' has rank {rank}");
                var shape = new long[rank];
                for (var d = 0; d < rank; d++) shape[d] = reader.ReadInt64();
                var length = reader.ReadInt64();
                if (length < 0 || length > stream.Length - stream.Position)
                    throw new InvalidDataException($"{path}: tensor '{name}' claims {length} bytes, only {stream.Length - stream.Position} remain (truncated file?)");
                var tensor = torch.empty(shape, dtype);
                if (tensor.bytes.Length != length)
                {
                    tensor.Dispose();
                    throw new InvalidDataException($"{path}: tensor '{name}' of shape [{string.Join(",", shape)}] {dtype} needs {tensor.bytes.Length} bytes, file has {length}");
                }
                tensor.bytes = reader.ReadBytes((int)length);
                tensors[name] = tensor.DetachFromDisposeScope();
            }
            return (metadata, tensors);
        }
        catch (EndOfStreamException e)
        {
            throw new InvalidDataException($"{path}: checkpoint is truncated", e);
        }
    }
}
