using System.Net;
using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Bourse.Engine.Matching;
using Bourse.EngineHost.Hosting;
using Bourse.EngineHost.Sharding;
using Grpc.Core;
using Grpc.Net.Client;
using V1 = Bourse.Contracts.Engine.V1;

namespace Bourse.EngineHost.Tests.Hosting;

/// <summary>
/// Mutual TLS on order entry, with a CA and certificates the test makes for itself, listening on every interface as on a
/// VM (the client connects through loopback).
/// </summary>
public sealed class OrderEntryTlsTests : IAsyncLifetime
{
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("bourse-tls-");
    private readonly TimeProvider _clock = TimeProvider.System;
    private X509Certificate2 _ca = null!;
    private X509Certificate2 _rogueCa = null!;
    private EngineHostServer _server = null!;

    public async Task InitializeAsync()
    {
        _ca = Authority("CN=Bourse Test CA");
        _rogueCa = Authority("CN=Somebody Else's CA");
        var serverCertificate = Issue(_ca, "CN=127.0.0.1", serverAuth: true);
        _server = EngineHostServer.Create(
            [new ShardOptions { Name = "tls", Instruments = [new InstrumentSpec(1)], JournalDirectory = _directory.FullName }],
            tls: new OrderEntryTls(serverCertificate, X509CertificateLoader.LoadCertificate(_ca.Export(X509ContentType.Cert))),
            orderEntryAddress: IPAddress.Any);
        await _server.StartAsync();
    }

    [Fact]
    public async Task A_client_with_a_certificate_from_the_firms_CA_is_served()
    {
        using var channel = Channel(Issue(_ca, "CN=desk-1", serverAuth: false));

        var ack = await new V1.OrderEntry.OrderEntryClient(channel).NewOrderAsync(Order(), deadline: Deadline());

        Assert.Equal(V1.OrderAckStatus.Accepted, ack.Status);
        Assert.Equal("https", _server.OrderEntryAddress.Scheme);
    }

    [Fact]
    public async Task A_client_without_a_certificate_is_refused()
    {
        using var channel = Channel(null);

        await Assert.ThrowsAsync<RpcException>(() => new V1.OrderEntry.OrderEntryClient(channel).NewOrderAsync(Order(), deadline: Deadline()).ResponseAsync);
    }

    [Fact]
    public async Task A_client_with_a_certificate_from_another_CA_is_refused()
    {
        using var channel = Channel(Issue(_rogueCa, "CN=intruder", serverAuth: false));

        await Assert.ThrowsAsync<RpcException>(() => new V1.OrderEntry.OrderEntryClient(channel).NewOrderAsync(Order(), deadline: Deadline()).ResponseAsync);
    }

    private GrpcChannel Channel(X509Certificate2? clientCertificate)
    {
        var handler = new SocketsHttpHandler
        {
            SslOptions = new SslClientAuthenticationOptions
            {
                ClientCertificates = clientCertificate is null ? null : new X509CertificateCollection { clientCertificate },
                // Trust the test CA for the server's certificate, and nothing else.
                RemoteCertificateValidationCallback = (_, certificate, _, _) =>
                {
                    using var chain = new X509Chain();
                    chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
                    chain.ChainPolicy.CustomTrustStore.Add(_ca);
                    chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
                    return certificate is not null && chain.Build(X509CertificateLoader.LoadCertificate(certificate.GetRawCertData()));
                },
            },
        };
        return GrpcChannel.ForAddress(_server.OrderEntryAddress, new GrpcChannelOptions { HttpHandler = handler });
    }

    private static V1.NewOrderRequest Order() => new()
    {
        ClientOrderId = Guid.NewGuid().ToString("N"),
        AccountId = 1,
        InstrumentId = 1,
        Side = V1.Side.Buy,
        OrderType = V1.OrderType.Limit,
        TimeInForce = V1.TimeInForce.Gtc,
        PriceTicks = 100,
        Quantity = 1,
    };

    private DateTime Deadline() => _clock.GetUtcNow().UtcDateTime.AddSeconds(10);

    private X509Certificate2 Authority(string subject)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        var now = _clock.GetUtcNow();
        return request.CreateSelfSigned(now.AddDays(-1), now.AddDays(30));
    }

    private X509Certificate2 Issue(X509Certificate2 issuer, string subject, bool serverAuth)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, false));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension(
            [new Oid(serverAuth ? "1.3.6.1.5.5.7.3.1" : "1.3.6.1.5.5.7.3.2")], false));
        if (serverAuth)
        {
            var names = new SubjectAlternativeNameBuilder();
            names.AddIpAddress(IPAddress.Loopback);
            request.CertificateExtensions.Add(names.Build());
        }

        var now = _clock.GetUtcNow();
        using var issued = request.Create(issuer, now.AddDays(-1), now.AddDays(7), RandomNumberGenerator.GetBytes(8));
        // Kestrel and SslStream need the private key with the certificate; a PKCS#12 round trip makes it usable on Linux.
        using var withKey = issued.CopyWithPrivateKey(key);
        return X509CertificateLoader.LoadPkcs12(withKey.Export(X509ContentType.Pkcs12), null);
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        _ca.Dispose();
        _rogueCa.Dispose();
        _directory.Delete(recursive: true);
    }
}
