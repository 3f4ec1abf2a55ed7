using System.ComponentModel.DataAnnotations;

namespace Bourse.EngineHost.Configuration;

/// <summary>
/// Where order entry (gRPC over HTTP/2) listens, and its certificates. With <see cref="ServerCertificatePath"/> the
/// endpoint is TLS (<see cref="Url"/> must be <c>https</c>); with <see cref="ClientCaPath"/> as well it is mutual TLS,
/// and only clients whose certificate chains to that CA are accepted.
/// </summary>
internal sealed class OrderEntryOptions
{
    /// <summary>The URL Kestrel listens on: <c>http</c> or <c>https</c>, host and port, no path.</summary>
    /// <value>The default value is <c>http://127.0.0.1:5100</c> (loopback, plain text: local runs only).</value>
    [Required(ErrorMessage = "is required")]
    public string Url { get; set; } = "http://127.0.0.1:5100";

    /// <summary>The server certificate: a PEM certificate (with <see cref="ServerKeyPath"/>) or a PFX holding its key.</summary>
    /// <value>The default value is <see langword="null"/> (no TLS).</value>
    public string? ServerCertificatePath { get; set; }

    /// <summary>The server certificate's PEM private key, when <see cref="ServerCertificatePath"/> does not hold it.</summary>
    /// <value>The default value is <see langword="null"/>.</value>
    public string? ServerKeyPath { get; set; }

    /// <summary>The PEM CA certificate that client certificates must chain to (mutual TLS).</summary>
    /// <value>The default value is <see langword="null"/> (no client certificates asked for).</value>
    public string? ClientCaPath { get; set; }
}
