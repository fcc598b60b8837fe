using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Serialization;
using Akka.Actor;
using Akka.Configuration;
using ActorSsl.Actors.Cluster;
using ActorSsl.Cli.CommandLine;
using ActorSsl.Cli.Reporting;
using ActorSsl.Core.Messages;
using ActorSsl.Core.Settings;

namespace ActorSsl.Cli.Bench;

/// <summary>
/// <c>actorssl bench remote</c>: chunk throughput over one Akka.Remote connection between two actorssl processes on
/// loopback, with the credit flow control of the batch inbox, and the round-trip time of a small ping sent over the
/// same connection meanwhile (cluster heartbeats share it: the ping's worst delay is the proxy for theirs).
/// </summary>
public static class RemoteBench
{
    public const string Help = """
        actorssl bench remote [--megabytes N] [--chunk-bytes B] [--window W] [--json PATH]

          Sends N megabytes (MB = 10^6 bytes; default 1000) of AugmentedChunk messages carrying B bytes of random
          pixels each (default 262144: actorssl.pipeline.chunk-max-bytes) from this process to a child actorssl
          process (started here, ended with it) over Akka.Remote on 127.0.0.1, with hocon/cluster/base.conf's
          frame size and socket buffers and ActorSsl's binary serializer. The receiver grants credit like the
          batch inbox: W chunks at first (default 8), then one for each chunk received; the sender sends only
          against credit.
          Meanwhile a ping (a Credit message) goes every 100 ms to an echo actor in the child over the same
          connection, behind the chunks.
          Reports payload MB/s after a warm-up (the first 10% of the chunks) and the ping round-trip times over the
          same span (max, p99, median): the largest cluster-heartbeat delay under full data load, to compare with
          the failure detector's acceptable pause (4 s in base.conf).
          Both processes run with this process's GC settings: set DOTNET_GCgen0size=0x4000000 in the environment
          to measure what deploy/ runs (README, Cluster).
        """;

    /// <summary>The child prints this, then its address, once its actors are ready.</summary>
    private const string ReadyPrefix = "actorssl-bench-remote ready at ";

    private static readonly HashSet<string> Options = ["megabytes", "chunk-bytes", "window", "json"];
    private static readonly HashSet<string> Flags = ["serve"];

    public static async Task<int> RunAsync(IReadOnlyList<string> argv, CancellationToken cancel)
    {
        var args = CliArguments.Parse("bench remote", argv, Options, Flags);
        var window = args.Int("window", 1) ?? 8;
        if (args.Has("serve")) return await ServeAsync(window, cancel);

        var megabytes = args.Int("megabytes", 1) ?? 1000;
        var chunkBytes = args.Int("chunk-bytes", 1) ?? 262144;
        var config = SystemConfig();
        // One square 1-channel view per chunk: side ⌊√B⌋, so 262144 B is exactly 512².
        var side = Math.Max(1, (int)Math.Sqrt(chunkBytes));
        var payload = side * side;
        var frame = config.GetByteSize("akka.remote.dot-netty.tcp.maximum-frame-size") ?? 128000;
        if (payload + 1024 > frame)
            throw new CliException($"actorssl bench remote: --chunk-bytes {chunkBytes} does not fit the maximum frame size of {frame} bytes (base.conf)");
        var total = Math.Max(2, (int)Math.Ceiling(megabytes * 1e6 / payload));
        var warmup = Math.Max(1, total / 10);
        var chunks = MakeChunks(side, window);

        Console.Error.WriteLine($"actorssl bench remote: {total} chunks of {payload:N0} B ({total * (double)payload / 1e6:N0} MB), window {window}, " +
                                $"first {warmup} chunks as warm-up");
        var ready = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        using var child = new BenchProcess("receiver", ["bench", "remote", "--serve", "--window", window.ToString(CultureInfo.InvariantCulture)],
            line =>
            {
                if (line.StartsWith(ReadyPrefix, StringComparison.Ordinal)) ready.TrySetResult(line[ReadyPrefix.Length..].Trim());
            });
        Console.Error.WriteLine($"actorssl bench remote: receiver process {child.Id} started");
        var exited = child.WaitForExitAsync(Timeout.InfiniteTimeSpan, cancel);
        var system = CliActorSystem.Create(config);
        try
        {
            var started = await Task.WhenAny(ready.Task, exited, Task.Delay(TimeSpan.FromSeconds(60), cancel));
            cancel.ThrowIfCancellationRequested();
            if (started != ready.Task)
                throw new CliException($"actorssl bench remote: the receiver process did not start\n{child.Tail()}");
            var address = ready.Task.Result;
            var sink = await system.ActorSelection($"{address}/user/{Sink.Name}").ResolveOne(TimeSpan.FromSeconds(20), cancel);
            var echo = await system.ActorSelection($"{address}/user/{Echo.Name}").ResolveOne(TimeSpan.FromSeconds(20), cancel);

            var clock = Stopwatch.StartNew();
            var self = Process.GetCurrentProcess();
            var transfer = new Transfer(total, warmup, window, clock, () =>
            {
                self.Refresh();
                return (self.TotalProcessorTime.TotalSeconds, child.CpuSeconds());
            });
            var pings = new PingLog(clock);
            system.ActorOf(Props.Create(() => new Pinger(echo, pings)), "pinger");
            system.ActorOf(Props.Create(() => new Producer(sink, chunks, transfer)), "producer");
            var done = await Task.WhenAny(transfer.Done.Task, exited);
            cancel.ThrowIfCancellationRequested();
            if (done != transfer.Done.Task)
                throw new CliException($"actorssl bench remote: the receiver process ended during the transfer\n{child.Tail()}");
            // Pings still on their way when the transfer ended get a moment to come back; one that never does
            // counts with the time it has been out (a lower bound).
            await pings.WaitForRepliesAsync(transfer.EndSeconds, TimeSpan.FromSeconds(5));

            var rtts = pings.RoundTrips(transfer.StartSeconds, transfer.EndSeconds, out var lost);
            var seconds = transfer.EndSeconds - transfer.StartSeconds;
            var timedBytes = (double)(total - warmup) * payload;
            var result = RemoteBenchResult.From(timedBytes, seconds, payload, window, warmup * (double)payload, rtts, lost,
                transfer.EndCpu.Sender - transfer.StartCpu.Sender, transfer.EndCpu.Receiver - transfer.StartCpu.Receiver);
            Console.WriteLine(result.Describe());
            if (args.String("json") is { } path) JsonReport.Write(path, result);
            return 0;
        }
        catch (OperationCanceledException) when (cancel.IsCancellationRequested)
        {
            Console.Error.WriteLine("actorssl bench remote: cancelled");
            return 130;
        }
        finally
        {
            child.CloseInput();
            if (!await child.WaitForExitAsync(TimeSpan.FromSeconds(10))) child.Kill();
            await system.Terminate();
        }
    }

    /// <summary>The child: a sink and an echo actor, until its standard input ends (the parent closed it or died).</summary>
    private static async Task<int> ServeAsync(int window, CancellationToken cancel)
    {
        var system = CliActorSystem.Create(SystemConfig());
        try
        {
            system.ActorOf(Props.Create(() => new Sink(window)), Sink.Name);
            system.ActorOf(Props.Create(() => new Echo()), Echo.Name);
            Console.Out.WriteLine(ReadyPrefix + ((ExtendedActorSystem)system).Provider.DefaultAddress);
            Console.Out.Flush();
            var inputEnded = Task.Factory.StartNew(() =>
            {
                while (Console.In.ReadLine() is { } line)
                    if (line.Trim() == "stop") break;
            }, TaskCreationOptions.LongRunning);
            await Task.WhenAny(inputEnded, Task.Delay(Timeout.Infinite, cancel), system.WhenTerminated);
        }
        finally
        {
            await system.Terminate();
        }
        return 0;
    }

    /// <summary>Remote provider on loopback, port 0, under base.conf (frame size, buffers, serializers) and the reference config.</summary>
    private static Config SystemConfig() =>
        ConfigurationFactory.ParseString("""
            akka.actor.provider = remote
            akka.remote.dot-netty.tcp.hostname = "127.0.0.1"
            akka.remote.dot-netty.tcp.port = 0
            akka.loglevel = WARNING
            akka.remote.log-remote-lifecycle-events = off
            akka.coordinated-shutdown.run-by-clr-shutdown-hook = off
            """).WithFallback(NodeConfig.BaseLayer()).WithFallback(ActorSslConfig.DefaultConfig());

    /// <summary>A few chunks with random pixels, sent in turn (the serializer copies them onto the wire every time).</summary>
    private static AugmentedChunk[] MakeChunks(int side, int count)
    {
        var random = new Random(42);
        return Enumerable.Range(0, Math.Clamp(count, 1, 4)).Select(i =>
        {
            var pixels = new byte[side * side];
            random.NextBytes(pixels);
            return new AugmentedChunk(i, 1, i, [i], [], [], 1, 1, side, pixels);
        }).ToArray();
    }

    /// <summary>Shared between the producer actor and the bench: when the timed span started and ended, and the CPU time used by then.</summary>
    private sealed class Transfer(int total, int warmup, int window, Stopwatch clock, Func<(double Sender, double Receiver)> cpu)
    {
        public int Total { get; } = total;
        public int Warmup { get; } = warmup;
        public int Window { get; } = window;
        public double StartSeconds { get; private set; } = double.NaN;
        public double EndSeconds { get; private set; } = double.NaN;
        public (double Sender, double Receiver) StartCpu { get; private set; }
        public (double Sender, double Receiver) EndCpu { get; private set; }
        public TaskCompletionSource Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public void MarkStart()
        {
            StartSeconds = clock.Elapsed.TotalSeconds;
            StartCpu = cpu();
        }

        public void MarkEnd()
        {
            EndSeconds = clock.Elapsed.TotalSeconds;
            EndCpu = cpu();
            Done.TrySetResult();
        }
    }

    /// <summary>Sends chunks against credit; the receiver's credits after its first grant acknowledge chunks one by one.</summary>
    private sealed class Producer : ReceiveActor
    {
        private readonly IActorRef _sink;
        private readonly AugmentedChunk[] _chunks;
        private readonly Transfer _transfer;
        private long _granted;
        private int _credits;
        private int _sent;

        public Producer(IActorRef sink, AugmentedChunk[] chunks, Transfer transfer)
        {
            _sink = sink;
            _chunks = chunks;
            _transfer = transfer;
            Receive<Credit>(OnCredit);
        }

        protected override void PreStart() => _sink.Tell(RegisterProducer.Instance);

        private void OnCredit(Credit credit)
        {
            _granted += credit.Chunks;
            _credits += credit.Chunks;
            var acknowledged = _granted - _transfer.Window;
            if (acknowledged == _transfer.Warmup) _transfer.MarkStart();
            if (acknowledged == _transfer.Total) _transfer.MarkEnd();
            while (_credits > 0 && _sent < _transfer.Total)
            {
                _sink.Tell(_chunks[_sent % _chunks.Length]);
                _sent++;
                _credits--;
            }
        }
    }

    /// <summary>Receiver side: credit like the batch inbox (the window at registration, then one per chunk).</summary>
    private sealed class Sink : ReceiveActor
    {
        public const string Name = "sink";

        public Sink(int window)
        {
            Receive<RegisterProducer>(_ => Sender.Tell(new Credit(window)));
            Receive<AugmentedChunk>(_ => Sender.Tell(new Credit(1)));
        }
    }

    /// <summary>Receiver side: sends every ping straight back.</summary>
    private sealed class Echo : ReceiveActor
    {
        public const string Name = "echo";

        public Echo() => Receive<Credit>(ping => Sender.Tell(ping));
    }

    /// <summary>Sends a numbered ping every 100 ms and records when each comes back.</summary>
    private sealed class Pinger : ReceiveActor, IWithTimers
    {
        private readonly IActorRef _echo;
        private readonly PingLog _log;

        public ITimerScheduler Timers { get; set; } = null!;

        public Pinger(IActorRef echo, PingLog log)
        {
            _echo = echo;
            _log = log;
            Receive<Tick>(_ => _echo.Tell(new Credit(_log.Sent())));
            Receive<Credit>(reply => _log.Replied(reply.Chunks));
        }

        protected override void PreStart() => Timers.StartPeriodicTimer("ping", Tick.Instance, TimeSpan.FromMilliseconds(100));

        private sealed class Tick
        {
            public static readonly Tick Instance = new();
        }
    }

    private sealed class PingLog(Stopwatch clock)
    {
        private readonly List<(double Sent, double? Rtt)> _pings = new();

        public int Sent()
        {
            lock (_pings)
            {
                _pings.Add((clock.Elapsed.TotalSeconds, null));
                return _pings.Count - 1;
            }
        }

        public void Replied(int id)
        {
            var now = clock.Elapsed.TotalSeconds;
            lock (_pings)
                if (id >= 0 && id < _pings.Count && _pings[id].Rtt == null) _pings[id] = (_pings[id].Sent, now - _pings[id].Sent);
        }

        public async Task WaitForRepliesAsync(double sentBefore, TimeSpan timeout)
        {
            var deadline = DateTime.UtcNow + timeout;
            while (DateTime.UtcNow < deadline)
            {
                lock (_pings)
                    if (_pings.All(p => p.Sent > sentBefore || p.Rtt != null)) return;
                await Task.Delay(20);
            }
        }

        /// <summary>Round trips (ms) of pings sent in [from, to]; unanswered ones count with the time they have been out.</summary>
        public List<double> RoundTrips(double from, double to, out int lost)
        {
            var now = clock.Elapsed.TotalSeconds;
            lock (_pings)
            {
                var span = _pings.Where(p => p.Sent >= from && p.Sent <= to).ToList();
                lost = span.Count(p => p.Rtt == null);
                return span.Select(p => (p.Rtt ?? now - p.Sent) * 1000).ToList();
            }
        }
    }
}

/// <summary>What <c>actorssl bench remote</c> measured (MB = 10^6 bytes of pixel payload).</summary>
public sealed record RemoteBenchResult(
    [property: JsonPropertyName("megabytes_per_second")] double MegabytesPerSecond,
    [property: JsonPropertyName("chunk_bytes")] int ChunkBytes,
    [property: JsonPropertyName("window")] int Window,
    [property: JsonPropertyName("megabytes")] double Megabytes,
    [property: JsonPropertyName("seconds")] double Seconds,
    [property: JsonPropertyName("warmup_megabytes")] double WarmupMegabytes,
    [property: JsonPropertyName("serializer")] string Serializer,
    [property: JsonPropertyName("pings")] int Pings,
    [property: JsonPropertyName("pings_unanswered")] int PingsUnanswered,
    [property: JsonPropertyName("ping_rtt_median_ms")] double PingRttMedianMs,
    [property: JsonPropertyName("ping_rtt_p99_ms")] double PingRttP99Ms,
    [property: JsonPropertyName("ping_rtt_max_ms")] double PingRttMaxMs,
    [property: JsonPropertyName("sender_cpu_seconds")] double SenderCpuSeconds,
    [property: JsonPropertyName("receiver_cpu_seconds")] double ReceiverCpuSeconds,
    [property: JsonPropertyName("gc_gen0size")] string GcGen0Size,
    [property: JsonPropertyName("gc_loh_threshold")] long? GcLohThreshold)
{
    public static RemoteBenchResult From(double timedBytes, double seconds, int chunkBytes, int window, double warmupBytes,
        List<double> rtts, int lost, double senderCpu, double receiverCpu)
    {
        var sorted = rtts.Order().ToArray();
        double Quantile(double q) => sorted.Length == 0 ? 0 : Math.Round(sorted[(int)Math.Ceiling(q * (sorted.Length - 1))], 2);
        return new RemoteBenchResult(Math.Round(timedBytes / 1e6 / seconds, 1), chunkBytes, window, Math.Round(timedBytes / 1e6, 1),
            Math.Round(seconds, 3), Math.Round(warmupBytes / 1e6, 1), "actorssl", sorted.Length, lost,
            Quantile(0.5), Quantile(0.99), Quantile(1.0), Math.Round(senderCpu, 2), Math.Round(receiverCpu, 2),
            RemotingGcSettings.Gen0Size ?? "default", RemotingGcSettings.LohThreshold);
    }

    public string Describe()
    {
        var unanswered = PingsUnanswered > 0 ? $" ({PingsUnanswered} unanswered, counted with the time they were out)" : "";
        return string.Create(CultureInfo.InvariantCulture,
            $"{MegabytesPerSecond:F1} MB/s (MB = 10^6 bytes of payload): {Megabytes:F0} MB in {Seconds:F2} s after {WarmupMegabytes:F0} MB warm-up, " +
            $"chunks of {ChunkBytes:N0} B, window {Window}, {Serializer} serializer; ping every 100 ms on the same connection: " +
            $"RTT median {PingRttMedianMs:F1} ms, p99 {PingRttP99Ms:F1} ms, max {PingRttMaxMs:F1} ms over {Pings} pings{unanswered}; " +
            $"CPU over the timed span: sender {SenderCpuSeconds:F1} s, receiver {ReceiverCpuSeconds:F1} s; " +
            $"GC gen-0 budget {GcGen0Size}, large-object threshold {(GcLohThreshold is { } loh ? $"{loh:N0} B" : "default")}");
    }
}
