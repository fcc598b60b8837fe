using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Akka.Actor;
using Akka.Actor.Setup;
using Akka.Configuration;
using Akka.Event;
using Akka.Remote.Transport.DotNetty;
using ActorSsl.Core.Settings;

namespace ActorSsl.Actors.Cluster;

/// <summary>
/// TLS for remoting between ActorSsl cluster nodes (<c>actorssl.cluster.tls</c>, deploy/TLS.md).
/// <para>
/// The model: one <b>cluster certificate</b> (a self-signed certificate and its private key, in a PKCS#12 file) is
/// shared by every node, like a shared secret. Every connection is mutual TLS: the connecting node and the accepting
/// node each present the cluster certificate, and each accepts the other only if it presents exactly that
/// certificate (its SHA-256 fingerprint is pinned). No certificate authority and no trust store are involved, so a
/// node without the file — a stranger, a node with another certificate, or one with TLS off — cannot connect to a
/// member, and a member does not talk to it when it dials out either. Host names are not checked: whoever holds the
/// file is a member, wherever it runs. Rotating the certificate means restarting every node with the new file.
/// </para>
/// <para>
/// With <c>pin = off</c> the peer's certificate is instead validated against the operating system's trust store
/// (per-node certificates from a private CA); mutual authentication stays on.
/// </para>
/// <para>
/// Akka.Remote's HOCON <c>ssl</c> section cannot pin a certificate, so the certificate and the validator reach the
/// DotNetty transport through a <see cref="DotNettySslSetup"/> (which takes precedence over that section). The
/// command line uses <see cref="CreateSetup"/>; an application embedding ActorSsl (e.g. with Akka.Hosting) adds
/// <see cref="AkkaConfig"/> on top of its configuration and <see cref="SslSetup"/> to its actor system's setups.
/// </para>
/// </summary>
public sealed class ClusterTls
{
    /// <summary>Address scheme of TLS remoting: seed nodes are <c>akka.ssl.tcp://actorssl@HOST:PORT</c>.</summary>
    public const string TlsScheme = "akka.ssl.tcp";

    /// <summary>Address scheme of plain remoting.</summary>
    public const string PlainScheme = "akka.tcp";

    /// <summary>
    /// The Akka side: TLS on for the DotNetty transport (its address scheme becomes akka.ssl.tcp). Validation and
    /// mutual authentication are spelled out although <see cref="SslSetup"/> decides them, so nobody reading the
    /// effective configuration concludes that validation is suppressed.
    /// </summary>
    public static readonly Config AkkaConfig = ConfigurationFactory.ParseString("""
        akka.remote.dot-netty.tcp {
          enable-ssl = true
          ssl {
            suppress-validation = false
            require-mutual-authentication = true
            validate-certificate-hostname = false
          }
        }
        """);

    private readonly byte[] _fingerprint;

    private ClusterTls(ClusterTlsSettings settings, X509Certificate2 certificate)
    {
        Settings = settings;
        Certificate = certificate;
        _fingerprint = certificate.GetCertHash(HashAlgorithmName.SHA256);
        Fingerprint = Convert.ToHexString(_fingerprint);
        // requireMutualAuthentication: the accepting side asks for the connecting side's certificate and refuses a
        // connection without one; the connecting side always presents the cluster certificate. The custom validator
        // runs on both sides. suppressValidation = false: nothing is accepted without a validator saying so.
        SslSetup = new DotNettySslSetup(certificate, suppressValidation: false, requireMutualAuthentication: true,
            validateCertificateHostname: false, customValidator: settings.Pin ? ValidatePeer : null);
    }

    public ClusterTlsSettings Settings { get; }

    /// <summary>This node's certificate (with its private key): the cluster certificate when pinning.</summary>
    public X509Certificate2 Certificate { get; }

    /// <summary>SHA-256 fingerprint of <see cref="Certificate"/>, upper-case hex (as <c>openssl x509 -fingerprint -sha256</c> shows it, without colons).</summary>
    public string Fingerprint { get; }

    /// <summary>Certificate and peer validation for the DotNetty transport.</summary>
    public DotNettySslSetup SslSetup { get; }

    /// <summary>
    /// Reads <c>actorssl.cluster.tls</c> from <paramref name="config"/> (ActorSsl's reference configuration is the
    /// fallback) and loads the certificate; null when TLS is off. Also checks that the seed nodes use the scheme
    /// the node will speak. Fails with <see cref="ActorSslConfigException"/> naming the key (and file) at fault.
    /// </summary>
    public static ClusterTls? Load(Config config)
    {
        var full = config.WithFallback(ActorSslConfig.DefaultConfig());
        var settings = ClusterTlsSettings.Create(new ConfigReader(full, "actorssl").Section("cluster").Section("tls"));
        CheckSeedNodes(full, settings.Enabled);
        return settings.Enabled ? new ClusterTls(settings, settings.LoadCertificate()) : null;
    }

    /// <summary>
    /// The actor system's setup: <paramref name="config"/> with TLS on (when <paramref name="tls"/> is given) and the
    /// certificate and validator. Use with <c>ActorSystem.Create(name, setup)</c>.
    /// </summary>
    public static ActorSystemSetup CreateSetup(Config config, ClusterTls? tls)
    {
        if (tls == null) return ActorSystemSetup.Create(BootstrapSetup.Create().WithConfig(config));
        return BootstrapSetup.Create().WithConfig(AkkaConfig.WithFallback(config)).And(tls.SslSetup);
    }

    /// <summary>True if <paramref name="peer"/> is the cluster certificate (byte for byte, by SHA-256).</summary>
    public bool IsClusterCertificate(X509Certificate? peer) =>
        peer != null && CryptographicOperations.FixedTimeEquals(peer.GetCertHash(HashAlgorithmName.SHA256), _fingerprint);

    /// <summary>
    /// Pinning: called by the transport on both sides of a handshake with the peer's certificate. Chain errors are
    /// expected (the cluster certificate is self-signed) and ignored: the only question is whether the peer holds the
    /// cluster certificate. Its private key is proven by the handshake itself.
    /// </summary>
    private bool ValidatePeer(X509Certificate2? certificate, X509Chain? chain, string remotePeer, SslPolicyErrors errors, ILoggingAdapter log)
    {
        if (certificate == null)
        {
            log.Warning("TLS: {0} presented no certificate; connection refused (actorssl.cluster.tls: mutual TLS)", remotePeer);
            return false;
        }
        if (IsClusterCertificate(certificate)) return true;
        log.Warning("TLS: {0} presented certificate '{1}' (SHA-256 {2}), not the cluster certificate (SHA-256 {3}); connection refused",
            remotePeer, certificate.Subject, Convert.ToHexString(certificate.GetCertHash(HashAlgorithmName.SHA256)), Fingerprint);
        return false;
    }

    /// <summary>A TLS node cannot reach a plain seed node and vice versa: say so at start-up instead of never joining.</summary>
    private static void CheckSeedNodes(Config config, bool tls)
    {
        if (!config.HasPath("akka.cluster.seed-nodes")) return;
        // With TLS off but Akka's own enable-ssl on, the application configures Akka's TLS itself.
        var akkaTls = tls || (config.HasPath("akka.remote.dot-netty.tcp.enable-ssl") && config.GetBoolean("akka.remote.dot-netty.tcp.enable-ssl"));
        var expected = akkaTls ? TlsScheme : PlainScheme;
        var because = tls ? $"{ClusterTlsSettings.Section}.enabled = on (a TLS node speaks only TLS)"
            : akkaTls ? "akka.remote.dot-netty.tcp.enable-ssl = on"
            : $"{ClusterTlsSettings.Section}.enabled = off (to join a TLS cluster turn it on and give the node the cluster certificate)";
        foreach (var seed in config.GetStringList("akka.cluster.seed-nodes"))
        {
            if (seed.Split("://", 2)[0] != expected)
                throw new ActorSslConfigException($"akka.cluster.seed-nodes: '{seed}' must start with {expected}:// because {because}");
        }
    }
}
