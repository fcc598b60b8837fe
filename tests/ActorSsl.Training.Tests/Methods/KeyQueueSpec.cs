using ActorSsl.Training.Methods;
using TorchSharp;

namespace ActorSsl.Training.Tests.Methods;

public class KeyQueueSpec
{
    private static torch.Tensor Rows(params float[] firstColumn) =>
        torch.tensor(firstColumn.SelectMany(v => new[] { v, 0f }).ToArray(), new long[] { firstColumn.Length, 2 });

    [Fact]
    public void Keys_must_be_written_in_order_and_wrap_around()
    {
        TorchRuntime.EnsureAvailable();
        using var queue = new KeyQueue(5, 2, torch.CPU, seed: 1);
        var norms = queue.Keys.norm(1).data<float>().ToArray();
        Assert.All(norms, n => Assert.Equal(1f, n, 5));

        queue.Enqueue(Rows(1, 2, 3));
        Assert.Equal(3, queue.Pointer);
        queue.Enqueue(Rows(4, 5, 6));
        Assert.Equal(1, queue.Pointer);
        var firstColumn = queue.Keys.select(1, 0).data<float>().ToArray();
        Assert.Equal(new float[] { 6, 2, 3, 4, 5 }, firstColumn);
    }

    [Fact]
    public void Same_seed_must_give_the_same_initial_queue()
    {
        TorchRuntime.EnsureAvailable();
        using var a = new KeyQueue(8, 4, torch.CPU, seed: 3);
        using var b = new KeyQueue(8, 4, torch.CPU, seed: 3);
        using var c = new KeyQueue(8, 4, torch.CPU, seed: 4);
        Assert.True(a.Keys.allclose(b.Keys, rtol: 0, atol: 0));
        Assert.False(a.Keys.allclose(c.Keys));
    }

    [Fact]
    public void Restoring_a_queue_of_another_shape_must_fail_clearly()
    {
        TorchRuntime.EnsureAvailable();
        using var queue = new KeyQueue(4, 2, torch.CPU, seed: 1);
        var e = Assert.Throws<InvalidDataException>(() => queue.Load(torch.zeros(3, 2), 0));
        Assert.Contains("[3,2]", e.Message);
    }
}
