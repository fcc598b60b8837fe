using System.Runtime.ExceptionServices;

namespace ActorSsl.Cli.Bench;

/// <summary>
/// Runs a bench's measured work on a thread of its own, like the trainer's training thread: libgomp and glibc treat
/// the process's first thread differently from later ones, and the trainer never runs on the first.
/// </summary>
public static class BenchThread
{
    public static T Run<T>(string name, Func<T> work)
    {
        T result = default!;
        Exception? error = null;
        var thread = new Thread(() =>
        {
            try { result = work(); }
            catch (Exception e) { error = e; }
        }) { Name = name };
        thread.Start();
        thread.Join();
        if (error != null) ExceptionDispatchInfo.Capture(error).Throw();
        return result;
    }
}
