using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Akka.Actor;
using Akka.Configuration;
using Akka.Discovery;
using ActorSsl.Cli.CommandLine;
using ActorSsl.Cli.Kubernetes;

namespace ActorSsl.Deploy.Tests;

/// <summary>
/// KubernetesPodDiscovery against a stand-in API server on 127.0.0.1 (TLS with a throw-away cluster CA), with the
/// settings of hocon/cluster/kubernetes.conf pointed at temporary service-account files.
/// </summary>
public sealed class KubernetesPodDiscoverySpec : IDisposable
{
    private const string Token = "token-of-the-pod";
    private const string Namespace = "ml-team";

    private readonly string _dir = Directory.CreateTempSubdirectory("actorssl-k8s-").FullName;
    private readonly string _hostVariable = "ACTORSSL_TEST_API_HOST_" + Guid.NewGuid().ToString("N");
    private readonly string _portVariable = "ACTORSSL_TEST_API_PORT_" + Guid.NewGuid().ToString("N");
    private readonly List<ActorSystem> _systems = new();

    [Fact]
    public async Task Lookup_lists_the_labelled_pods_of_its_own_namespace_with_its_token()
    {
        using var ca = Authority("cluster CA");
        await using var api = new StandInApiServer(ServerCertificate(ca), """
            { "kind": "PodList", "items": [
              { "metadata": { "name": "actorssl-trainer-0" },
                "spec": { "containers": [ { "name": "node", "ports": [ { "name": "management", "containerPort": 8558 } ] } ] },
                "status": { "phase": "Running", "podIP": "10.1.0.5" } } ] }
            """);
        var discovery = Discovery(ca, api.Port);

        var resolved = await discovery.Lookup(new Lookup("actorssl", "management", "tcp"), TimeSpan.FromSeconds(10));

        var target = Assert.Single(resolved.Addresses);
        Assert.Equal(("10.1.0.5", (int?)8558), (target.Host, target.Port));
        Assert.Equal($"GET /api/v1/namespaces/{Namespace}/pods?labelSelector=app%3Dactorssl HTTP/1.1", api.RequestLine);
        Assert.Equal($"Bearer {Token}", api.Header("Authorization"));
    }

    [Fact]
    public async Task Lookup_refuses_an_api_server_that_the_cluster_ca_did_not_certify()
    {
        using var ca = Authority("cluster CA");
        using var other = Authority("someone else");
        await using var api = new StandInApiServer(ServerCertificate(other), """{ "kind": "PodList", "items": [] }""");
        var discovery = Discovery(ca, api.Port);

        await Assert.ThrowsAsync<HttpRequestException>(() => discovery.Lookup(new Lookup("actorssl", "management", "tcp"), TimeSpan.FromSeconds(10)));
        Assert.Null(api.RequestLine);
    }

    [Fact]
    public async Task Lookup_outside_a_pod_says_so()
    {
        using var ca = Authority("cluster CA");
        var discovery = Discovery(ca, 1);
        Environment.SetEnvironmentVariable(_hostVariable, null);
        var e = await Assert.ThrowsAsync<InvalidOperationException>(() => discovery.Lookup(new Lookup("actorssl"), TimeSpan.FromSeconds(5)));
        Assert.Contains(_hostVariable, e.Message);
    }

    public void Dispose()
    {
        foreach (var system in _systems) system.Terminate().Wait(TimeSpan.FromSeconds(10));
        Environment.SetEnvironmentVariable(_hostVariable, null);
        Environment.SetEnvironmentVariable(_portVariable, null);
        Directory.Delete(_dir, recursive: true);
    }

    /// <summary>The kubernetes-api method as `actorssl node --discovery kubernetes` configures it, with the pod's files here.</summary>
    private ServiceDiscovery Discovery(X509Certificate2 ca, int port)
    {
        File.WriteAllText(Path.Combine(_dir, "ca.crt"), ca.ExportCertificatePem());
        File.WriteAllText(Path.Combine(_dir, "token"), Token + "\n");
        File.WriteAllText(Path.Combine(_dir, "namespace"), Namespace);
        Environment.SetEnvironmentVariable(_hostVariable, "127.0.0.1");
        Environment.SetEnvironmentVariable(_portVariable, port.ToString());
        var config = ConfigurationFactory.ParseString($$"""
            akka.loglevel = WARNING
            akka.discovery.kubernetes-api {
              api-ca-path = "{{Path.Combine(_dir, "ca.crt")}}"
              api-token-path = "{{Path.Combine(_dir, "token")}}"
              pod-namespace-path = "{{Path.Combine(_dir, "namespace")}}"
              api-service-host-env-name = {{_hostVariable}}
              api-service-port-env-name = {{_portVariable}}
            }
            """).WithFallback(Repo.Hocon(NodeDiscovery.KubernetesConf)).WithFallback(NodeDiscovery.ModuleDefaults);
        var system = ActorSystem.Create("actorssl", config);
        _systems.Add(system);
        var discovery = Akka.Discovery.Discovery.Get(system).LoadServiceDiscovery("kubernetes-api");
        Assert.IsType<KubernetesPodDiscovery>(discovery);
        return discovery;
    }

    private static X509Certificate2 Authority(string name)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={name}", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        return request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
    }

    /// <summary>An API server certificate for 127.0.0.1 signed by <paramref name="authority"/>.</summary>
    private static X509Certificate2 ServerCertificate(X509Certificate2 authority)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=kubernetes", key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(authority, true, false));
        using var signed = request.Create(authority, DateTimeOffset.UtcNow.AddHours(-1), DateTimeOffset.UtcNow.AddDays(1), RandomNumberGenerator.GetBytes(8));
        using var withKey = signed.CopyWithPrivateKey(key);
        return X509CertificateLoader.LoadPkcs12(withKey.Export(X509ContentType.Pfx), null);
    }

    /// <summary>Answers one HTTPS request on 127.0.0.1 with a JSON body and remembers the request.</summary>
    private sealed class StandInApiServer : IAsyncDisposable
    {
        private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
        private readonly Dictionary<string, string> _headers = new(StringComparer.OrdinalIgnoreCase);
        private readonly Task _serving;

        public StandInApiServer(X509Certificate2 certificate, string body)
        {
            _listener.Start();
            _serving = ServeOneAsync(certificate, body);
        }

        public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

        public string? RequestLine { get; private set; }

        public string? Header(string name) => _headers.GetValueOrDefault(name);

        private async Task ServeOneAsync(X509Certificate2 certificate, string body)
        {
            using var client = await _listener.AcceptTcpClientAsync();
            await using var tls = new SslStream(client.GetStream());
            try
            {
                await tls.AuthenticateAsServerAsync(certificate);
            }
            catch (Exception)
            {
                return; // the client refused the certificate
            }
            using var reader = new StreamReader(tls, Encoding.ASCII, leaveOpen: true);
            var requestLine = await reader.ReadLineAsync();
            for (var line = await reader.ReadLineAsync(); !string.IsNullOrEmpty(line); line = await reader.ReadLineAsync())
                _headers[line[..line.IndexOf(':')]] = line[(line.IndexOf(':') + 1)..].Trim();
            RequestLine = requestLine;
            var content = Encoding.UTF8.GetBytes(body);
            await tls.WriteAsync(Encoding.ASCII.GetBytes($"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {content.Length}\r\nConnection: close\r\n\r\n"));
            await tls.WriteAsync(content);
            await tls.FlushAsync();
        }

        public async ValueTask DisposeAsync()
        {
            _listener.Stop();
            await _serving.WaitAsync(TimeSpan.FromSeconds(10)).ContinueWith(_ => { });
            _listener.Dispose();
        }
    }
}
