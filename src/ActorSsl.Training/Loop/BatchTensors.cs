using ActorSsl.Data.Batches;
using TorchSharp;
using static TorchSharp.torch;

namespace ActorSsl.Training.Loop;

/// <summary>
/// Turns a batch's uint8 CHW views into normalised float tensors on the training device: the bytes cross
/// to the device as uint8 (4× less than float), then x/255, −mean, ÷std run there with cached operands.
/// </summary>
public sealed class BatchTensors : IDisposable
{
    private readonly Device _device;
    private readonly Tensor _mean;
    private readonly Tensor _std;
    private readonly Scalar _inv255 = (1.0 / 255.0).ToScalar();

    public BatchTensors(Device device, float[] mean, float[] std)
    {
        if (mean.Length != std.Length || mean.Length == 0) throw new ArgumentException("mean and std must have one value per channel");
        _device = device;
        _mean = torch.tensor(mean, new long[] { 1, mean.Length, 1, 1 }).to(device).DetachFromDisposeScope();
        _std = torch.tensor(std, new long[] { 1, std.Length, 1, 1 }).to(device).DetachFromDisposeScope();
    }

    /// <summary>View <paramref name="view"/> of <paramref name="batch"/> as a normalised [B,C,S,S] float tensor.</summary>
    public Tensor View(Batch batch, int view)
    {
        var shape = new long[] { batch.Count, batch.Channels, batch.Size, batch.Size };
        using var bytes = torch.empty(shape, ScalarType.Byte);
        batch.View(view).CopyTo(bytes.bytes);
        using var onDevice = bytes.to(_device);
        var x = onDevice.to_type(ScalarType.Float32);
        x.mul_(_inv255).sub_(_mean).div_(_std);
        return x;
    }

    public void Dispose()
    {
        _mean.Dispose();
        _std.Dispose();
        _inv255.Dispose();
    }
}
