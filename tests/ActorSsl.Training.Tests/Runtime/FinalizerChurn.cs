using TorchSharp;

namespace ActorSsl.Training.Tests.Runtime;

/// <summary>
/// Runs an action over and over on the calling thread while another thread makes garbage TorchSharp Scalars and forces
/// collections and finalizers without pause. A native call that reads a Scalar the GC can already collect (a
/// temporary whose handle was taken but which is not kept alive) then sees freed memory within seconds.
/// </summary>
internal static class FinalizerChurn
{
    /// <returns>How many times <paramref name="action"/> ran.</returns>
    public static int Run(TimeSpan duration, Action action, int maxRuns = int.MaxValue)
    {
        var stop = 0;
        var churn = new Thread(() =>
        {
            var random = new Random(1);
            while (Volatile.Read(ref stop) == 0)
            {
                // Doubles: memory a freed integer Scalar leaves behind comes back holding a floating-point one.
                for (var i = 0; i < 64; i++) { Scalar garbage = random.NextDouble() + 0.5; GC.KeepAlive(garbage); }
                GC.Collect();
                GC.WaitForPendingFinalizers();
            }
        }) { IsBackground = true, Name = "finalizer-churn" };
        churn.Start();
        var runs = 0;
        try
        {
            var deadline = DateTime.UtcNow + duration;
            while (runs < maxRuns && DateTime.UtcNow < deadline)
            {
                action();
                runs++;
            }
        }
        finally
        {
            Volatile.Write(ref stop, 1);
            churn.Join();
        }
        return runs;
    }
}
