using ActorSsl.Data.Batches;
using ActorSsl.Training.Evaluation;
using TorchSharp;
using static TorchSharp.torch;

namespace ActorSsl.Training.Loop;

/// <summary>
/// Turns a batch's uint8 CHW views into normalised float tensors on the training device: the bytes cross to
/// the device as uint8 (4× less than float) and are normalised there, exactly as the evaluation code does.
/// </summary>
public sealed class BatchTensors(Device device, ImageNormalization normalization)
{
    /// <summary>View <paramref name="view"/> of <paramref name="batch"/> as a normalised [B,C,S,S] float tensor.</summary>
    public Tensor View(Batch batch, int view)
    {
        using var bytes = torch.empty(new long[] { batch.Count, batch.Channels, batch.Size, batch.Size }, ScalarType.Byte);
        batch.View(view).CopyTo(bytes.bytes);
        return normalization.Apply(bytes, device);
    }
}
