using System.Collections.Concurrent;
using System.Net.NetworkInformation;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Akka.Actor;
using Akka.Cluster;
using Akka.Configuration;
using Akka.Event;
using ActorSsl.Actors.Cluster;
using ActorSsl.Actors.Tests.Support;
using ActorSsl.Core.Settings;
using Xunit.Abstractions;

namespace ActorSsl.Actors.Tests.Cluster;

/// <summary>
/// TLS for remoting (actorssl.cluster.tls) on loopback with certificates the test creates: nodes holding the cluster
/// certificate form a cluster; a node with another certificate, or with TLS off, never becomes a member; the cluster
/// port refuses TLS clients without the cluster certificate; the default cluster configuration binds 127.0.0.1.
/// </summary>
public sealed class TlsClusterSpec(ITestOutputHelper output) : IAsyncLifetime
{
    private const string Password = "cluster-secret-7f3a";
    private readonly string _dir = Directory.CreateTempSubdirectory("actorssl-tls-").FullName;
    private readonly List<ActorSystem> _systems = new();
    private readonly ConcurrentDictionary<ActorSystem, ConcurrentQueue<string>> _logs = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        await Task.WhenAll(_systems.Select(s => s.Terminate())).WaitAsync(TimeSpan.FromSeconds(20));
        Directory.Delete(_dir, recursive: true);
    }

    [Fact]
    public async Task Nodes_holding_the_cluster_certificate_must_form_a_cluster_that_others_cannot_join()
    {
        var clusterCert = CreateCertificate("cluster");
        var otherCert = CreateCertificate("other");

        var a = StartNode(Tls(clusterCert));
        var seed = Akka.Cluster.Cluster.Get(a).SelfAddress;
        Assert.Equal("akka.ssl.tcp", seed.Protocol);
        Assert.Equal("127.0.0.1", seed.Host);
        Akka.Cluster.Cluster.Get(a).Join(seed);

        var b = StartNode(Tls(clusterCert), seed.ToString());
        Assert.True(await Eventually(() => UpMembers(a).SetEquals([seed, Self(b)]) && UpMembers(b).SetEquals([seed, Self(b)]), TimeSpan.FromSeconds(15)),
            $"the second node (same certificate) must join: a sees [{string.Join(", ", UpMembers(a))}], b sees [{string.Join(", ", UpMembers(b))}]\n" +
            $"a's log:\n{Log(a)}\nb's log:\n{Log(b)}");

        // A node with a different self-signed certificate, and one with TLS off dialling the TLS port, both try to join.
        var other = StartNode(Tls(otherCert), seed.ToString());
        var plain = StartNode("", $"akka.tcp://{ClusterRoles.SystemName}@127.0.0.1:{seed.Port}");
        Assert.Equal("akka.ssl.tcp", Self(other).Protocol);
        Assert.Equal("akka.tcp", Self(plain).Protocol);

        // Long enough for a second join attempt (they are 5 s apart); b above was Up within a few seconds.
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(8);
        while (DateTime.UtcNow < deadline)
        {
            Assert.True(UpMembers(a).SetEquals([seed, Self(b)]), $"a's members must stay a and b: [{string.Join(", ", AllMembers(a))}]");
            Assert.DoesNotContain(AllMembers(a), m => m.Equals(Self(other)) || m.Equals(Self(plain)));
            Assert.DoesNotContain(AllMembers(b), m => m.Equals(Self(other)) || m.Equals(Self(plain)));
            Assert.DoesNotContain(Self(other), UpMembers(other));
            Assert.DoesNotContain(Self(plain), UpMembers(plain));
            await Task.Delay(200);
        }
        foreach (var (name, node) in new[] { ("a", a), ("b", b), ("other", other), ("plain", plain) })
            output.WriteLine($"{name} {Self(node)}:\n{Log(node)}\n");
        // Pinning refused the connection, on whichever side checked first: the other node, dialling, refused the
        // seed's certificate (not the one it pins, its own), or the seed refused the other node's client certificate
        // before that (seen in CI: the handshake order is not fixed). The next test checks the accepting side alone.
        Assert.True(Log(other).Contains("presented certificate 'CN=actorssl-cluster'") || Log(a).Contains("presented certificate 'CN=actorssl-other'"),
            "neither the other node nor the seed logged refusing the other's certificate pairing");
        // The plain node's Akka frames are not TLS records.
        Assert.Contains("not an SSL/TLS record", Log(a));
    }

    [Fact]
    public async Task The_cluster_port_must_refuse_TLS_clients_without_the_cluster_certificate()
    {
        var clusterCert = CreateCertificate("cluster");
        var otherCert = CreateCertificate("other");
        var node = StartNode(Tls(clusterCert));
        var port = Self(node).Port!.Value;
        using var cluster = X509CertificateLoader.LoadPkcs12FromFile(clusterCert, Password);
        using var other = X509CertificateLoader.LoadPkcs12FromFile(otherCert, Password);

        // Control: a client presenting the cluster certificate completes the handshake and the node keeps the
        // connection open, waiting for Akka's association handshake.
        Assert.Equal((true, false), await Connect(port, cluster, TimeSpan.FromSeconds(1)));
        // This client accepts any server certificate: only the node's own check of the client certificate is tested.
        var withOther = await Connect(port, other, TimeSpan.FromSeconds(5));
        var withNone = await Connect(port, null, TimeSpan.FromSeconds(5));
        output.WriteLine($"other certificate: {withOther}; no certificate: {withNone}\n{Log(node)}");
        Assert.True(withOther.Ended, "a client with another certificate must be refused");
        Assert.True(withNone.Ended, "a client without a certificate must be refused");
        // Refused by the pinning validator, and by Akka's mutual-TLS check before any validator runs.
        Assert.Contains("presented certificate 'CN=actorssl-other'", Log(node));
        Assert.Contains("client did not provide a certificate", Log(node));
    }

    [Fact]
    public async Task The_default_cluster_configuration_must_bind_to_loopback()
    {
        var baseConf = ClusterBaseConfig();
        Assert.Equal("127.0.0.1", baseConf.GetString("akka.remote.dot-netty.tcp.hostname"));
        Assert.False(baseConf.GetBoolean("akka.remote.dot-netty.tcp.enable-ssl"));

        var node = StartNode("");
        var self = Self(node);
        Assert.Equal("127.0.0.1", self.Host);
        var listeners = IPGlobalProperties.GetIPGlobalProperties().GetActiveTcpListeners().Where(e => e.Port == self.Port).ToList();
        Assert.NotEmpty(listeners);
        Assert.All(listeners, e => Assert.True(System.Net.IPAddress.IsLoopback(e.Address), $"listening on {e}"));
        await Task.CompletedTask;
    }

    [Fact]
    public void Tls_settings_must_fail_at_start_up_naming_the_key_and_the_file()
    {
        Assert.Null(ClusterTls.Load(SpecConfig.Create()));

        var empty = Assert.Throws<ActorSslConfigException>(() => ClusterTls.Load(SpecConfig.Create(
            "actorssl.cluster.tls { enabled = on, certificate-path = \"\" }")));
        Assert.Contains("actorssl.cluster.tls.certificate-path", empty.Message);

        var missingPath = Path.Combine(_dir, "missing.pfx");
        var missing = Assert.Throws<ActorSslConfigException>(() => ClusterTls.Load(SpecConfig.Create(Tls(missingPath))));
        Assert.Contains("actorssl.cluster.tls.certificate-path", missing.Message);
        Assert.Contains(missingPath, missing.Message);
        // Every reader of the settings sees it, not only the node's start-up.
        Assert.Throws<ActorSslConfigException>(() => ActorSslSettings.Create(SpecConfig.Create(Tls(missingPath))));

        var certificate = CreateCertificate("cluster");
        var wrong = Assert.Throws<ActorSslConfigException>(() => ClusterTls.Load(SpecConfig.Create(Tls(certificate, "not-the-password"))));
        Assert.Contains("actorssl.cluster.tls.certificate-password", wrong.Message);
        Assert.Contains(certificate, wrong.Message);

        var text = Path.Combine(_dir, "not-a-pfx.pfx");
        File.WriteAllText(text, "-----BEGIN CERTIFICATE-----\nnot really\n-----END CERTIFICATE-----\n");
        var garbage = Assert.Throws<ActorSslConfigException>(() => ClusterTls.Load(SpecConfig.Create(Tls(text))));
        Assert.Contains(text, garbage.Message);

        var publicOnly = Path.Combine(_dir, "public-only.pfx");
        using (var loaded = X509CertificateLoader.LoadPkcs12FromFile(certificate, Password))
        using (var withoutKey = X509CertificateLoader.LoadCertificate(loaded.RawData))
            File.WriteAllBytes(publicOnly, withoutKey.Export(X509ContentType.Pkcs12, Password));
        var keyless = Assert.Throws<ActorSslConfigException>(() => ClusterTls.Load(SpecConfig.Create(Tls(publicOnly))));
        Assert.Contains("private key", keyless.Message);
        Assert.Contains(publicOnly, keyless.Message);

        var tls = ClusterTls.Load(SpecConfig.Create(Tls(certificate)));
        Assert.NotNull(tls);
        Assert.True(tls.SslSetup.RequireMutualAuthentication);
        Assert.False(tls.SslSetup.SuppressValidation);
        Assert.NotNull(tls.SslSetup.CustomValidator);
        Assert.Equal(64, tls.Fingerprint.Length);

        // Seed nodes must use the scheme the node speaks.
        var plainSeed = Assert.Throws<ActorSslConfigException>(() => ClusterTls.Load(
            ConfigurationFactory.ParseString("akka.cluster.seed-nodes = [\"akka.tcp://actorssl@127.0.0.1:4053\"]").WithFallback(SpecConfig.Create(Tls(certificate)))));
        Assert.Contains("akka.ssl.tcp://", plainSeed.Message);
        var tlsSeed = Assert.Throws<ActorSslConfigException>(() => ClusterTls.Load(
            ConfigurationFactory.ParseString("akka.cluster.seed-nodes = [\"akka.ssl.tcp://actorssl@127.0.0.1:4053\"]").WithFallback(SpecConfig.Create())));
        Assert.Contains("actorssl.cluster.tls.enabled = off", tlsSeed.Message);
    }

    [Fact]
    public async Task A_run_offer_must_carry_the_run_settings_but_not_the_tls_settings()
    {
        var certificate = CreateCertificate("cluster");
        const string dataPath = "/data/a b//c#d \"e\"";
        var system = ActorSystem.Create("offer", SpecConfig.Create(Tls(certificate) + $$"""

            actorssl.run.seed = 7
            actorssl.data.path = "{{dataPath.Replace("\\", "\\\\").Replace("\"", "\\\"")}}"
            actorssl.train.widths = [16, 48, 80]
            """));
        _systems.Add(system);
        var text = ActorSslPipeline.RunConfigText(system);
        Assert.DoesNotContain(Password, text);
        Assert.DoesNotContain(certificate, text);
        Assert.DoesNotContain("tls", text);

        var run = ActorSslSettings.Create(ActorSslConfig.FromString(text));
        var sent = ActorSslSettings.Create(system);
        Assert.False(run.Cluster.Tls.Enabled);
        Assert.Equal(7UL, run.Run.Seed);
        Assert.Equal(dataPath, run.Data.Path);
        Assert.Equal([16, 48, 80], run.Train.Widths);
        Assert.Equal(sent.Augment.Recipe.CropScaleMin, run.Augment.Recipe.CropScaleMin);
        Assert.Equal(sent.Pipeline, run.Pipeline);
        Assert.Equal(sent.Cluster with { Tls = run.Cluster.Tls }, run.Cluster);
        await Task.CompletedTask;
    }

    private string Tls(string certificatePath, string password = Password) =>
        $"actorssl.cluster.tls {{ enabled = on, certificate-path = \"{certificatePath}\", certificate-password = \"{password}\" }}";

    /// <summary>
    /// A node configured like <c>actorssl node</c> (hocon/cluster/base.conf, the given actorssl settings, ClusterTls)
    /// on 127.0.0.1 and a free port; joins <paramref name="seed"/> if given.
    /// </summary>
    private ActorSystem StartNode(string actorssl, string? seed = null)
    {
        // serialize-messages = off: Akka.Cluster's local-only internal messages (InternalClusterAction.Subscribe) have
        // no serializer and would reach base.conf's RejectingSerializer. Messages between nodes are serialized anyway.
        var config = ConfigurationFactory.ParseString("""
                akka.actor.serialize-messages = off
                akka.coordinated-shutdown.run-by-clr-shutdown-hook = off
                """)
            .WithFallback(ClusterBaseConfig())
            .WithFallback(SpecConfig.Create(actorssl));
        var tls = ClusterTls.Load(config);
        var system = ActorSystem.Create(ClusterRoles.SystemName, ClusterTls.CreateSetup(config, tls));
        _systems.Add(system);
        var log = _logs.GetOrAdd(system, _ => new ConcurrentQueue<string>());
        var collector = system.ActorOf(Props.Create(() => new LogCollector(log)));
        system.EventStream.Subscribe(collector, typeof(Warning));
        system.EventStream.Subscribe(collector, typeof(Error));
        // Joined here rather than through akka.cluster.seed-nodes so that the first attempt's warnings are collected.
        if (seed != null) Akka.Cluster.Cluster.Get(system).JoinSeedNodes([Address.Parse(seed)]);
        return system;
    }

    private static Address Self(ActorSystem system) => Akka.Cluster.Cluster.Get(system).SelfAddress;

    private static HashSet<Address> UpMembers(ActorSystem system) =>
        Akka.Cluster.Cluster.Get(system).State.Members.Where(m => m.Status == MemberStatus.Up).Select(m => m.Address).ToHashSet();

    private static List<Address> AllMembers(ActorSystem system) =>
        Akka.Cluster.Cluster.Get(system).State.Members.Select(m => m.Address).ToList();

    private static async Task<bool> Eventually(Func<bool> condition, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (condition()) return true;
            await Task.Delay(100);
        }
        return condition();
    }

    /// <summary>
    /// Connects with TLS, presenting <paramref name="clientCertificate"/> (or none) and accepting any server
    /// certificate. Handshake: the client completed its side of the handshake. Ended: the node ended the connection
    /// (handshake failure, alert or close) within <paramref name="wait"/> after that.
    /// </summary>
    private static async Task<(bool Handshake, bool Ended)> Connect(int port, X509Certificate2? clientCertificate, TimeSpan wait)
    {
        using var tcp = new TcpClient();
        await tcp.ConnectAsync("127.0.0.1", port);
        await using var ssl = new SslStream(tcp.GetStream(), leaveInnerStreamOpen: false);
        try
        {
            using var handshakeTimeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            await ssl.AuthenticateAsClientAsync(new SslClientAuthenticationOptions
            {
                TargetHost = "localhost",
                RemoteCertificateValidationCallback = (_, _, _, _) => true,
                LocalCertificateSelectionCallback = (_, _, _, _, _) => clientCertificate!,
                ClientCertificates = clientCertificate == null ? null : new X509CertificateCollection { clientCertificate },
            }, handshakeTimeout.Token);
        }
        catch (Exception e) when (e is IOException or AuthenticationException or SocketException)
        {
            return (false, true);
        }
        // TLS 1.3: the server checks the client certificate after the client considers the handshake done, so a
        // refusal arrives as an alert or a close on the first read.
        using var timeout = new CancellationTokenSource(wait);
        try
        {
            return (true, await ssl.ReadAsync(new byte[1], timeout.Token) == 0);
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested)
        {
            return (true, false);
        }
        catch (Exception e) when (e is IOException or AuthenticationException or SocketException)
        {
            return (true, true);
        }
    }

    private string CreateCertificate(string name)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN=actorssl-{name}", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension(
            new OidCollection { new Oid("1.3.6.1.5.5.7.3.1"), new Oid("1.3.6.1.5.5.7.3.2") }, false));
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1));
        var path = Path.Combine(_dir, $"{name}-{Guid.NewGuid():N}.pfx");
        File.WriteAllBytes(path, certificate.Export(X509ContentType.Pkcs12, Password));
        return path;
    }

    private static Config ClusterBaseConfig()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir != null; dir = dir.Parent)
        {
            var path = Path.Combine(dir.FullName, "hocon", "cluster", "base.conf");
            if (File.Exists(path)) return ConfigurationFactory.ParseString(File.ReadAllText(path));
        }
        throw new FileNotFoundException($"hocon/cluster/base.conf not found above {AppContext.BaseDirectory}");
    }

    /// <summary>A node's warnings and errors, for assertions and failure messages.</summary>
    private string Log(ActorSystem system) => string.Join("\n", _logs.TryGetValue(system, out var log) ? log : []);

    private sealed class LogCollector : ReceiveActor
    {
        public LogCollector(ConcurrentQueue<string> log) => Receive<LogEvent>(e => log.Enqueue($"{e.LogLevel()} {e.LogSource}: {e.Message}{(e.Cause == null ? "" : " " + e.Cause.Message)}"));
    }
}
