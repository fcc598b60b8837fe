using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using Akka.Actor;
using Akka.Configuration;
using Akka.Discovery;
using Akka.Event;

namespace ActorSsl.Cli.Kubernetes;

/// <summary>
/// Akka.Discovery method <c>kubernetes-api</c> (hocon/cluster/kubernetes.conf): lists the pods that match
/// <c>pod-label-selector</c> in the pod's own namespace through the Kubernetes API, with the pod's service-account
/// token and CA, and returns their IPs (<see cref="PodTargets"/>).
/// <para>
/// Why ActorSsl's own and not Akka.Discovery.KubernetesApi 1.5.73: that module was compiled against KubernetesClient
/// 17.0.14, which the project's NuGet feed does not serve; the versions it does (19.0.2, 21.0.8) changed the model
/// classes' constructors, and its lookup fails with MissingMethodException (V1PodList..ctor). This is one REST call.
/// </para>
/// </summary>
public sealed class KubernetesPodDiscovery : ServiceDiscovery
{
    private readonly ILoggingAdapter _log;
    private readonly Config _settings;
    private readonly Lazy<HttpClient> _http;

    public KubernetesPodDiscovery(ExtendedActorSystem system)
    {
        _log = Logging.GetLogger(system, this);
        _settings = system.Settings.Config.GetConfig("akka.discovery.kubernetes-api");
        _http = new Lazy<HttpClient>(() => CreateClient(_settings.GetString("api-ca-path")));
    }

    public override async Task<Resolved> Lookup(Lookup lookup, TimeSpan resolveTimeout)
    {
        var host = Environment.GetEnvironmentVariable(_settings.GetString("api-service-host-env-name"));
        var port = Environment.GetEnvironmentVariable(_settings.GetString("api-service-port-env-name"));
        if (string.IsNullOrEmpty(host) || string.IsNullOrEmpty(port))
            throw new InvalidOperationException($"kubernetes-api discovery: {_settings.GetString("api-service-host-env-name")} and " +
                                                $"{_settings.GetString("api-service-port-env-name")} are not set: not running in a Kubernetes pod?");
        var ns = Namespace();
        var selector = string.Format(CultureInfo.InvariantCulture, _settings.GetString("pod-label-selector"), lookup.ServiceName);
        var uri = $"https://{(host.Contains(':') ? $"[{host}]" : host)}:{port}/api/v1/namespaces/{Uri.EscapeDataString(ns)}/pods" +
                  $"?labelSelector={Uri.EscapeDataString(selector)}";

        using var request = new HttpRequestMessage(HttpMethod.Get, uri);
        // Service-account tokens are rotated on disk: read it for every request.
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", (await File.ReadAllTextAsync(_settings.GetString("api-token-path"))).Trim());
        using var timeout = new CancellationTokenSource(resolveTimeout);
        using var response = await _http.Value.SendAsync(request, timeout.Token);
        var body = await response.Content.ReadAsStringAsync(timeout.Token);
        if (!response.IsSuccessStatusCode)
            throw new InvalidOperationException($"kubernetes-api discovery: GET {uri} answered {(int)response.StatusCode} {response.ReasonPhrase} " +
                                                "(the pod's service account needs get/list/watch on pods: deploy/kubernetes/00-rbac.yaml): " +
                                                body[..Math.Min(body.Length, 300)]);
        var targets = PodTargets.Parse(body, lookup.PortName);
        if (_log.IsDebugEnabled) _log.Debug("kubernetes-api discovery: {0} in {1}: {2}", selector, ns, string.Join(", ", targets.Select(t => $"{t.Host}:{t.Port}")));
        return new Resolved(lookup.ServiceName, targets);
    }

    private string Namespace()
    {
        var configured = _settings.GetString("pod-namespace");
        if (!string.IsNullOrWhiteSpace(configured) && configured != "<pod-namespace>") return configured;
        var path = _settings.GetString("pod-namespace-path");
        return File.Exists(path) ? File.ReadAllText(path).Trim() : "default";
    }

    /// <summary>An HTTPS client that trusts exactly the cluster's CA (the service-account ca.crt), not the system store.</summary>
    private static HttpClient CreateClient(string caPath)
    {
        var authorities = new X509Certificate2Collection();
        authorities.ImportFromPemFile(caPath);
        var handler = new HttpClientHandler
        {
            ServerCertificateCustomValidationCallback = (_, certificate, _, errors) =>
            {
                // Only the chain is judged here (against the cluster CA); a name mismatch still fails.
                if (certificate == null || (errors & ~SslPolicyErrors.RemoteCertificateChainErrors) != 0) return false;
                using var chain = new X509Chain();
                chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
                chain.ChainPolicy.CustomTrustStore.AddRange(authorities);
                chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
                return chain.Build(certificate);
            },
        };
        return new HttpClient(handler);
    }
}
