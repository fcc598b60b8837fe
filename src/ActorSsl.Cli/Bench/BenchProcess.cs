using System.Diagnostics;
using System.Text;

namespace ActorSsl.Cli.Bench;

/// <summary>
/// A child <c>actorssl</c> process started by a bench: this very program (<c>dotnet actorssl.dll …</c>, or the
/// apphost itself), in the same working directory, with its output captured line by line. Its standard input is a
/// pipe held by the parent: closing it (or the parent dying, which closes it too) tells a <c>--serve</c> child to
/// exit. Disposing kills whatever is still running, so a bench never leaves processes behind.
/// </summary>
public sealed class BenchProcess : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly Action<string>? _onLine;
    private readonly Timer _cpuPoll;
    private double _cpuSeconds;
    private bool _disposed;

    public BenchProcess(string name, IEnumerable<string> args, Action<string>? onLine = null)
    {
        Name = name;
        _onLine = onLine;
        var (fileName, prefix) = SelfCommand();
        var start = new ProcessStartInfo(fileName)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Environment.CurrentDirectory,
        };
        foreach (var arg in prefix.Concat(args)) start.ArgumentList.Add(arg);
        _process = new Process { StartInfo = start, EnableRaisingEvents = true };
        _process.OutputDataReceived += (_, e) => Append(e.Data);
        _process.ErrorDataReceived += (_, e) => Append(e.Data);
        _process.Start();
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        _cpuPoll = new Timer(_ => CpuSeconds(), null, TimeSpan.FromMilliseconds(250), TimeSpan.FromMilliseconds(250));
    }

    public string Name { get; }

    public int Id => _process.Id;

    public string Output
    {
        get { lock (_output) return _output.ToString(); }
    }

    public bool HasExited => _process.HasExited;

    /// <summary>
    /// CPU time (user + system) the process has used: read now while it runs, else the last reading (taken every
    /// 250 ms, so the last moments before exit are missing).
    /// </summary>
    public double CpuSeconds()
    {
        try
        {
            _process.Refresh();
            if (!_process.HasExited) Volatile.Write(ref _cpuSeconds, _process.TotalProcessorTime.TotalSeconds);
        }
        catch (Exception e) when (e is InvalidOperationException or System.ComponentModel.Win32Exception or NotSupportedException) { }
        return Volatile.Read(ref _cpuSeconds);
    }

    public int ExitCode => _process.ExitCode;

    /// <summary>How to start this program again: the dotnet host with actorssl.dll, or the apphost executable.</summary>
    public static (string FileName, string[] Prefix) SelfCommand()
    {
        var host = Environment.ProcessPath ?? throw new InvalidOperationException("the path of this program is unknown");
        var dll = typeof(BenchProcess).Assembly.Location;
        return Path.GetFileNameWithoutExtension(host).Equals("dotnet", StringComparison.OrdinalIgnoreCase) && dll.Length > 0
            ? (host, [dll])
            : (host, []);
    }

    /// <summary>Closes the child's standard input: a <c>--serve</c> child exits on end of input.</summary>
    public void CloseInput()
    {
        try { _process.StandardInput.Close(); }
        catch (Exception e) when (e is IOException or InvalidOperationException) { }
    }

    public async Task<bool> WaitForExitAsync(TimeSpan timeout, CancellationToken cancel = default)
    {
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(cancel);
        cts.CancelAfter(timeout);
        try
        {
            await _process.WaitForExitAsync(cts.Token);
            return true;
        }
        catch (OperationCanceledException) when (!cancel.IsCancellationRequested)
        {
            return false;
        }
    }

    /// <summary>The last lines of the child's output (for error messages).</summary>
    public string Tail(int lines = 30) =>
        string.Join('\n', Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).TakeLast(lines).Select(l => $"  [{Name}] {l}"));

    public void Kill()
    {
        try
        {
            if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException) { } // exited meanwhile
    }

    private void Append(string? line)
    {
        if (line == null) return;
        lock (_output) _output.Append(line).Append('\n');
        _onLine?.Invoke(line);
    }

    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        _cpuPoll.Dispose();
        Kill();
        try { _process.WaitForExit(5000); }
        catch (InvalidOperationException) { }
        _process.Dispose();
    }
}
