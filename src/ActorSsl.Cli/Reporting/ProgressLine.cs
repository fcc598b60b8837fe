namespace ActorSsl.Cli.Reporting;

/// <summary>
/// Live one-line progress on stderr: redrawn in place on a terminal, a plain line every few seconds otherwise
/// (CI logs), so a user always sees the run moving.
/// </summary>
public sealed class ProgressLine(Func<string> render, TimeSpan interval) : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly bool _terminal = !Console.IsErrorRedirected;
    private Task? _loop;

    public void Start() => _loop = Task.Run(async () =>
    {
        var every = _terminal ? interval : TimeSpan.FromTicks(Math.Max(interval.Ticks, TimeSpan.FromSeconds(5).Ticks));
        try
        {
            while (!_stop.IsCancellationRequested)
            {
                await Task.Delay(every, _stop.Token);
                Write(render());
            }
        }
        catch (OperationCanceledException) { }
    });

    private void Write(string line)
    {
        if (_terminal) Console.Error.Write("\r" + line.PadRight(110));
        else Console.Error.WriteLine(line);
    }

    public async ValueTask DisposeAsync()
    {
        _stop.Cancel();
        if (_loop != null) await _loop;
        Write(render());
        if (_terminal) Console.Error.WriteLine();
    }
}
