using System.Security.Cryptography.X509Certificates;

namespace Bourse.EngineHost.Hosting;

/// <summary>
/// Mutual TLS for order entry: the host presents <see cref="ServerCertificate"/> and accepts only clients whose
/// certificate chains to <see cref="ClientCertificateAuthority"/> (the firm's own CA, not the machine's trust store).
/// </summary>
internal sealed class OrderEntryTls(X509Certificate2 serverCertificate, X509Certificate2 clientCertificateAuthority)
{
    public X509Certificate2 ServerCertificate { get; } = serverCertificate ?? throw new ArgumentNullException(nameof(serverCertificate));

    public X509Certificate2 ClientCertificateAuthority { get; } = clientCertificateAuthority ?? throw new ArgumentNullException(nameof(clientCertificateAuthority));

    /// <summary>Loads PEM files: the server's certificate and key, and the CA that signs client certificates.</summary>
    public static OrderEntryTls FromPemFiles(string serverCertificatePath, string serverKeyPath, string clientCaPath) =>
        new(X509Certificate2.CreateFromPemFile(serverCertificatePath, serverKeyPath), X509CertificateLoader.LoadCertificateFromFile(clientCaPath));

    /// <summary>True when the client's certificate is valid now, meant for client authentication, and chains to the CA.</summary>
    public bool IsTrustedClient(X509Certificate2 certificate)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(ClientCertificateAuthority);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.ApplicationPolicy.Add(new System.Security.Cryptography.Oid("1.3.6.1.5.5.7.3.2"));
        return chain.Build(certificate);
    }
}
