using System.Diagnostics;
using System.Text;

namespace ActorSsl.Cli.Tests;

/// <summary>
/// One running <c>actorssl</c> program (the Cli project's own build output, so its native libraries and the
/// libtorch shim are in place), with its output captured line by line.
/// </summary>
public sealed class ActorSslProcess : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    public ActorSslProcess(string name, params string[] args) : this(name, new Dictionary<string, string?>(), args)
    {
    }

    /// <param name="environment">Variables to set (or, with a null value, remove) for the program.</param>
    public ActorSslProcess(string name, IReadOnlyDictionary<string, string?> environment, params string[] args)
    {
        Name = name;
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = RepositoryRoot,
        };
        foreach (var (key, value) in environment)
        {
            if (value == null) start.Environment.Remove(key);
            else start.Environment[key] = value;
        }
        start.ArgumentList.Add(ProgramPath);
        foreach (var arg in args) start.ArgumentList.Add(arg);
        _process = new Process { StartInfo = start, EnableRaisingEvents = true };
        _process.OutputDataReceived += (_, e) => Append(e.Data);
        _process.ErrorDataReceived += (_, e) => Append(e.Data);
        _process.Start();
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public string Name { get; }

    public string Output
    {
        get { lock (_output) return _output.ToString(); }
    }

    public bool HasExited => _process.HasExited;

    public int ExitCode => _process.ExitCode;

    /// <summary>SIGKILL: no checkpoint, no cluster leave, no goodbye.</summary>
    public void Kill() => _process.Kill(entireProcessTree: true);

    public async Task<bool> WaitForOutputAsync(Func<string, bool> condition, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (condition(Output)) return true;
            if (HasExited) return condition(Output);
            await Task.Delay(100);
        }
        return false;
    }

    public async Task<bool> WaitForExitAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(cts.Token);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    private void Append(string? line)
    {
        if (line == null) return;
        lock (_output) _output.Append(line.Replace('\r', '\n')).Append('\n');
    }

    public void Dispose()
    {
        if (!_process.HasExited) Kill();
        _process.Dispose();
    }

    public static string RepositoryRoot { get; } = FindRoot();

    /// <summary>src/ActorSsl.Cli/bin/&lt;configuration&gt;/net10.0/actorssl.dll of the configuration these tests were built in.</summary>
    public static string ProgramPath { get; } = Path.Combine(RepositoryRoot, "src", "ActorSsl.Cli", "bin",
        new DirectoryInfo(Path.TrimEndingDirectorySeparator(AppContext.BaseDirectory)).Parent!.Name, "net10.0", "actorssl.dll");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir != null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "ActorSsl.sln"))) return dir.FullName;
        throw new InvalidOperationException("ActorSsl.sln not found above " + AppContext.BaseDirectory);
    }

    public static int FreePort()
    {
        var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
