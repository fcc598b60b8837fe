using System.Diagnostics;
using System.Runtime.ExceptionServices;
using ActorSsl.Actors.Augmenting;
using ActorSsl.Core.Messages;

namespace ActorSsl.Cli.Bench;

/// <summary>
/// Runs N <see cref="AugmentBenchWorker"/>s on threads of their own (as the pinned augmentation dispatcher gives each
/// worker one): a warm-up, then all start the timed part together and stop at the same deadline.
/// </summary>
internal static class AugmentBenchRun
{
    /// <summary>What the timed part did, summed over workers.</summary>
    public sealed record Totals(long Pairs, double Seconds, double LoadSeconds, double RenderSeconds);

    public static Totals Measure(AugmentWorkerSetup setup, SamplePayload? payload, int count, int workers, TimeSpan duration, TimeSpan warmup)
    {
        var benchWorkers = Enumerable.Range(0, workers).Select(w => new AugmentBenchWorker(setup, payload, count, w, workers)).ToArray();
        var errors = new ExceptionDispatchInfo?[workers];
        using var warmedUp = new Barrier(workers + 1);
        using var go = new ManualResetEventSlim();
        long deadline = 0;
        var threads = new Thread[workers];
        try
        {
            for (var w = 0; w < workers; w++)
            {
                var worker = benchWorkers[w];
                var slot = w;
                threads[w] = new Thread(() =>
                {
                    var signalled = false;
                    try
                    {
                        worker.RunUntil(Stopwatch.GetTimestamp() + (long)(warmup.TotalSeconds * Stopwatch.Frequency));
                        worker.ResetCounters();
                        signalled = true;
                        warmedUp.SignalAndWait();
                        go.Wait();
                        worker.RunUntil(Volatile.Read(ref deadline));
                    }
                    catch (Exception e)
                    {
                        errors[slot] = ExceptionDispatchInfo.Capture(e);
                        if (!signalled) warmedUp.RemoveParticipant(); // the others must not wait for this one
                    }
                }) { Name = $"actorssl-augment-bench-{w + 1}", IsBackground = true };
                threads[w].Start();
            }

            warmedUp.SignalAndWait();
            var start = Stopwatch.GetTimestamp();
            Volatile.Write(ref deadline, start + (long)(duration.TotalSeconds * Stopwatch.Frequency));
            go.Set();
            foreach (var thread in threads) thread.Join();
            var elapsed = Stopwatch.GetElapsedTime(start).TotalSeconds;
            foreach (var error in errors) error?.Throw();

            double Seconds(long ticks) => (double)ticks / Stopwatch.Frequency;
            return new Totals(benchWorkers.Sum(w => w.Pairs), elapsed,
                Seconds(benchWorkers.Sum(w => w.LoadTicks)), Seconds(benchWorkers.Sum(w => w.RenderTicks)));
        }
        finally
        {
            go.Set();
            foreach (var worker in benchWorkers) worker.Dispose();
        }
    }
}
