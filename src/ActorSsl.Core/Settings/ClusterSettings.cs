using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace ActorSsl.Core.Settings;

/// <summary>How samples reach augmentation nodes on other machines (<c>actorssl.cluster</c>).</summary>
public enum DataTransport
{
    /// <summary>Encoded sample bytes travel with each lease: augment nodes need no copy of the data.</summary>
    Bytes,

    /// <summary>Every node reads <c>actorssl.data.path</c> itself (a shared or replicated file system).</summary>
    SharedPath,
}

/// <summary><c>actorssl.cluster</c>: the multi-node options of a run.</summary>
public sealed record ClusterSettings(DataTransport DataTransport, int LeaseMaxBytes, TimeSpan OfferRetry, ClusterTlsSettings Tls)
{
    public static ClusterSettings Create(ConfigReader cluster) => new(
        cluster.Enum("data-transport", ("bytes", DataTransport.Bytes), ("shared-path", DataTransport.SharedPath)),
        cluster.Int("lease-max-bytes", 4096, 64 * 1024 * 1024),
        cluster.Duration("offer-retry"),
        ClusterTlsSettings.Create(cluster.Section("tls")));

    public string DataTransportName => DataTransport == DataTransport.Bytes ? "bytes" : "shared-path";
}

/// <summary>
/// <c>actorssl.cluster.tls</c>: TLS for remoting between cluster nodes. When enabled the certificate file must exist
/// and be readable (checked here); <see cref="LoadCertificate"/> opens it with the password when the node starts.
/// </summary>
public sealed record ClusterTlsSettings(bool Enabled, string CertificatePath, string CertificatePassword, bool Pin)
{
    public const string Section = "actorssl.cluster.tls";

    public static ClusterTlsSettings Create(ConfigReader tls)
    {
        var settings = new ClusterTlsSettings(tls.Bool("enabled"), tls.OptionalString("certificate-path").Trim(),
            tls.OptionalString("certificate-password"), tls.Bool("pin"));
        if (!settings.Enabled) return settings;
        var pathKey = tls.Path("certificate-path");
        if (settings.CertificatePath.Length == 0)
            throw new ActorSslConfigException($"{pathKey} is empty: with {tls.Path("enabled")} = on every node needs the cluster certificate, " +
                                              "a PKCS#12 (.pfx/.p12) file with its private key (see deploy/TLS.md).");
        if (!File.Exists(settings.CertificatePath))
            throw new ActorSslConfigException($"{pathKey} = '{settings.CertificatePath}': no such file (the cluster certificate, a PKCS#12 file; see deploy/TLS.md).");
        try
        {
            using var _ = File.OpenRead(settings.CertificatePath);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ActorSslConfigException($"{pathKey} = '{settings.CertificatePath}': cannot read the file: {e.Message}", e);
        }
        return settings;
    }

    /// <summary>
    /// Opens the PKCS#12 file. Fails with the key and file named when the file is not PKCS#12, the password is
    /// wrong, the certificate has no private key or it is outside its validity period.
    /// </summary>
    public X509Certificate2 LoadCertificate()
    {
        if (!Enabled) throw new InvalidOperationException($"{Section}.enabled = off: there is no certificate to load");
        var file = $"{Section}.certificate-path = '{CertificatePath}'";
        X509Certificate2 certificate;
        try
        {
            certificate = X509CertificateLoader.LoadPkcs12FromFile(CertificatePath, CertificatePassword);
        }
        catch (CryptographicException e)
        {
            throw new ActorSslConfigException(
                $"{file}: cannot open it as PKCS#12 with {Section}.certificate-password " +
                $"({(CertificatePassword.Length == 0 ? "empty" : "as set")}): the password is wrong or the file is not a .pfx/.p12 file ({e.Message}).", e);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ActorSslConfigException($"{file}: cannot read the file: {e.Message}", e);
        }
        if (!certificate.HasPrivateKey)
        {
            certificate.Dispose();
            throw new ActorSslConfigException($"{file}: the file holds a certificate without its private key; export the key with it (openssl pkcs12 -export -inkey …, see deploy/TLS.md).");
        }
        var now = DateTime.Now;
        if (now < certificate.NotBefore || now > certificate.NotAfter)
        {
            var (from, until) = (certificate.NotBefore.ToUniversalTime(), certificate.NotAfter.ToUniversalTime());
            certificate.Dispose();
            throw new ActorSslConfigException($"{file}: the certificate is valid from {from:u} until {until:u} only; create a new cluster certificate (deploy/TLS.md).");
        }
        return certificate;
    }
}
