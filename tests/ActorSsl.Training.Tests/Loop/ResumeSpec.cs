using System.Buffers;
using ActorSsl.Data.Batches;
using ActorSsl.Training.Loop;
using ActorSsl.Training.Methods;
using TorchSharp;

namespace ActorSsl.Training.Tests.Loop;

public class ResumeSpec : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("actorssl-resume-").FullName;

    private static TrainingOptions Options() => new()
    {
        Backbone = "small-resnet",
        Widths = new[] { 8, 16, 16 },
        InChannels = 1,
        ImageSize = 12,
        Seed = 11,
        LearningRate = 0.05,
        StepsPerEpoch = 5,
        TotalSteps = 20,
        MoCo = new MoCoV2Options { QueueSize = 32, ProjectionHidden = 16, ProjectionDim = 8, Temperature = 0.2 },
    };

    /// <summary>Batch k always has the same content: a pure function of k, like the real pipeline's batches.</summary>
    private static Batch SyntheticBatch(long step)
    {
        const int count = 8, size = 12, views = 2;
        var pixels = ArrayPool<byte>.Shared.Rent(views * count * size * size);
        var random = new Random((int)step + 100);
        random.NextBytes(pixels.AsSpan(0, views * count * size * size));
        return new Batch((int)(step / 5) + 1, (int)(step % 5), step, Enumerable.Range(0, count).ToArray(), views, 1, size, pixels);
    }

    private static void Train(TrainingSession session, long from, long to)
    {
        for (var step = from; step < to; step++)
        {
            using var batch = SyntheticBatch(step);
            var result = session.Step(batch);
            Assert.True(double.IsFinite(result.Loss));
        }
    }

    private static float[] Weights(TrainingSession session) =>
        session.Method.Online.parameters().SelectMany(p => p.data<float>().ToArray()).ToArray();

    [Fact]
    public void Twenty_steps_straight_must_equal_ten_steps_checkpoint_resume_and_ten_more()
    {
        TorchRuntime.EnsureAvailable();
        float[] straight;
        using (var session = new TrainingSession(Options()))
        {
            Train(session, 0, 20);
            straight = Weights(session);
        }

        var checkpoint = Path.Combine(_dir, "mid.ckpt");
        using (var first = new TrainingSession(Options()))
        {
            Train(first, 0, 10);
            first.SaveCheckpoint(checkpoint);
        }
        float[] resumed;
        using (var second = new TrainingSession(Options()))
        {
            var metadata = second.LoadCheckpoint(checkpoint);
            Assert.Equal(10, metadata.NextStep);
            Assert.Equal(10, second.Cursor.NextStep);
            Assert.Equal(3, second.Cursor.Epoch);
            Train(second, 10, 20);
            resumed = Weights(second);
        }

        Assert.Equal(straight.Length, resumed.Length);
        var worst = straight.Zip(resumed, (a, b) => Math.Abs(a - b)).Max();
        Assert.True(worst <= 1e-5, $"largest weight difference {worst}");
    }

    [Fact]
    public void Training_must_change_the_weights_and_lower_nothing_to_NaN()
    {
        TorchRuntime.EnsureAvailable();
        using var session = new TrainingSession(Options());
        var before = Weights(session);
        Train(session, 0, 3);
        Assert.NotEqual(before, Weights(session));
        Assert.Equal(3 * 8 % 32, session.Method.Queue.Pointer);
    }

    [Fact]
    public void Checkpoint_of_another_model_must_be_refused_with_the_reason()
    {
        TorchRuntime.EnsureAvailable();
        var checkpoint = Path.Combine(_dir, "other.ckpt");
        using (var session = new TrainingSession(Options())) session.SaveCheckpoint(checkpoint);
        using var different = new TrainingSession(Options() with { Widths = new[] { 8, 16, 32 } });
        var e = Assert.Throws<InvalidDataException>(() => different.LoadCheckpoint(checkpoint));
        Assert.Contains("widths", e.Message);
    }

    [Fact]
    public void Truncated_checkpoint_must_be_refused_naming_the_file()
    {
        TorchRuntime.EnsureAvailable();
        var checkpoint = Path.Combine(_dir, "cut.ckpt");
        using (var session = new TrainingSession(Options())) session.SaveCheckpoint(checkpoint);
        var bytes = File.ReadAllBytes(checkpoint);
        File.WriteAllBytes(checkpoint, bytes.AsSpan(0, bytes.Length / 2).ToArray());
        using var again = new TrainingSession(Options());
        var e = Assert.Throws<InvalidDataException>(() => again.LoadCheckpoint(checkpoint));
        Assert.Contains(checkpoint, e.Message);
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
