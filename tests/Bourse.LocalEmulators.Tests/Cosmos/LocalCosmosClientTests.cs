using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using Microsoft.Azure.Cosmos;

namespace Bourse.LocalEmulators.Tests.Cosmos;

/// <summary>The client settings that make the SDK work against the local server, and nothing else.</summary>
public sealed class LocalCosmosClientTests
{
    private static readonly Uri Local = new("https://127.0.0.1:8081/");

    [Fact]
    public void Options_use_gateway_mode_limited_to_the_endpoint_with_camelCase_System_Text_Json()
    {
        var options = LocalCosmosClient.CreateOptions(Local);

        Assert.Equal(ConnectionMode.Gateway, options.ConnectionMode);
        Assert.True(options.LimitToEndpoint);
        Assert.NotNull(options.ServerCertificateCustomValidationCallback);
        Assert.Same(JsonNamingPolicy.CamelCase, options.UseSystemTextJsonSerializerWithOptions!.PropertyNamingPolicy);
    }

    [Theory]
    [InlineData("https://localhost:8081/")]
    [InlineData("https://10.0.0.5:8081/")]
    [InlineData("https://myaccount.documents.azure.com:443/")]
    public void A_self_signed_certificate_is_trusted_for_127_0_0_1_only(string endpoint)
    {
        var refused = Assert.Throws<ArgumentException>(() => LocalCosmosClient.CreateOptions(new Uri(endpoint)));
        Assert.Contains("127.0.0.1", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_pinned_certificate_accepts_exactly_that_certificate()
    {
        using var server = SelfSigned("CN=cosmosdb");
        using var impostor = SelfSigned("CN=cosmosdb");
        var callback = LocalCosmosClient.CreateOptions(Local, server.RawData).ServerCertificateCustomValidationCallback!;
        using var chain = new X509Chain();

        Assert.True(callback(server, chain, SslPolicyErrors.RemoteCertificateChainErrors));
        Assert.False(callback(impostor, chain, SslPolicyErrors.RemoteCertificateChainErrors));
    }

    [Fact]
    public void Creating_a_client_turns_off_the_instance_metadata_probe()
    {
        using var client = LocalCosmosClient.Create(Local, CosmosServer.AccountKey);

        Assert.Equal("true", Environment.GetEnvironmentVariable(LocalCosmosClient.DisableImdsVariable));
    }

    private static X509Certificate2 SelfSigned(string subject)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        return request.CreateSelfSigned(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2027, 1, 1, 0, 0, 0, TimeSpan.Zero));
    }
}
