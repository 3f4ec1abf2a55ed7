using System.Net;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using Microsoft.Azure.Cosmos;

namespace Bourse.LocalEmulators;

/// <summary>Builds <see cref="CosmosClient"/>s for a Cosmos DB-compatible server on 127.0.0.1 (<see cref="CosmosServer"/>).</summary>
public static class LocalCosmosClient
{
    /// <summary>The environment variable that stops the SDK from probing the Azure instance metadata service.</summary>
    public const string DisableImdsVariable = "COSMOS_DISABLE_IMDS_ACCESS";

    /// <summary>
    /// Options that work against the local server:
    /// <list type="bullet">
    /// <item>Gateway mode: the server speaks HTTPS only, not the Direct mode's TCP protocol.</item>
    /// <item><see cref="CosmosClientOptions.LimitToEndpoint"/>: never follow the account's advertised regional endpoints
    /// (the server advertises its own address, but nothing else must ever be contacted).</item>
    /// <item>The server's self-signed certificate is trusted only for an endpoint on 127.0.0.1 and, when
    /// <paramref name="serverCertificate"/> is given, only if it is exactly that certificate.</item>
    /// <item>System.Text.Json with camelCase names (decimal and DateTimeOffset round-trip).</item>
    /// </list>
    /// </summary>
    /// <param name="endpoint">The server's endpoint; its host must be 127.0.0.1.</param>
    /// <param name="serverCertificate">The server's certificate (DER) to pin, or empty to accept any for 127.0.0.1.</param>
    /// <exception cref="ArgumentException">The endpoint is not on 127.0.0.1.</exception>
    public static CosmosClientOptions CreateOptions(Uri endpoint, ReadOnlyMemory<byte> serverCertificate = default)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        if (!endpoint.IsAbsoluteUri || !IPAddress.TryParse(endpoint.Host, out var address) || !address.Equals(IPAddress.Loopback))
        {
            throw new ArgumentException(
                $"A local Cosmos DB client trusts a self-signed certificate, so its endpoint must be on 127.0.0.1; got '{endpoint}'.",
                nameof(endpoint));
        }

        var pinned = serverCertificate.ToArray();
        return new CosmosClientOptions
        {
            ConnectionMode = ConnectionMode.Gateway,
            LimitToEndpoint = true,
            ServerCertificateCustomValidationCallback = (certificate, _, errors) =>
                errors == SslPolicyErrors.None || pinned.Length == 0 || IsPinned(certificate, pinned),
            UseSystemTextJsonSerializerWithOptions = CreateSerializerOptions(),
        };
    }

    /// <summary>The serializer settings items are written with: System.Text.Json defaults, camelCase property names.</summary>
    public static JsonSerializerOptions CreateSerializerOptions() => new() { PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    /// <summary>A client with <see cref="CreateOptions"/>'s options, changed by <paramref name="configure"/>.</summary>
    /// <remarks>
    /// Sets <c>COSMOS_DISABLE_IMDS_ACCESS=true</c> for this process unless it is already set: otherwise the SDK's
    /// first client asks the Azure instance metadata service (169.254.169.254) for VM details, traffic that a local run
    /// must never send.
    /// </remarks>
    public static CosmosClient Create(Uri endpoint, string accountKey, ReadOnlyMemory<byte> serverCertificate = default, Action<CosmosClientOptions>? configure = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(accountKey);
        var options = CreateOptions(endpoint, serverCertificate);
        configure?.Invoke(options);
        if (Environment.GetEnvironmentVariable(DisableImdsVariable) is null)
        {
            Environment.SetEnvironmentVariable(DisableImdsVariable, "true");
        }

        return new CosmosClient(endpoint.ToString(), accountKey, options);
    }

    private static bool IsPinned(X509Certificate2 certificate, byte[] pinned) => certificate.RawData.AsSpan().SequenceEqual(pinned);
}
