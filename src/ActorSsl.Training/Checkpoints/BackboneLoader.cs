using ActorSsl.Training.Models;
using TorchSharp;
using static TorchSharp.torch;

namespace ActorSsl.Training.Checkpoints;

/// <summary>Rebuilds the online backbone a checkpoint was trained with and loads its weights (for evaluation and export).</summary>
public static class BackboneLoader
{
    public static (Backbone Backbone, CheckpointMetadata Metadata) Load(string path, Device device)
    {
        var (json, tensors) = CheckpointFile.Read(path);
        try
        {
            var metadata = System.Text.Json.JsonSerializer.Deserialize<CheckpointMetadata>(json) ?? throw new InvalidDataException($"{path}: empty metadata");
            var backbone = BackboneFactory.Create(metadata.Backbone, metadata.InChannels, metadata.Widths);
            using (no_grad())
            {
                foreach (var (name, target) in backbone.state_dict())
                {
                    var key = "online.backbone." + name;
                    if (!tensors.TryGetValue(key, out var saved)) throw new InvalidDataException($"{path}: checkpoint lacks '{key}'");
                    target.copy_(saved);
                }
            }
            backbone.to(device);
            backbone.eval();
            return (backbone, metadata);
        }
        finally
        {
            foreach (var t in tensors.Values) t.Dispose();
        }
    }
}
