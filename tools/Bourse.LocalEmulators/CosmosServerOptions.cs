namespace Bourse.LocalEmulators;

/// <summary>How a <see cref="CosmosServer"/> listens.</summary>
/// <remarks>
/// The server always binds to 127.0.0.1 and keeps its data in memory only: it accepts any account key and serves a
/// self-signed certificate that clients trust only for 127.0.0.1 (<see cref="LocalCosmosClient"/>).
/// </remarks>
public sealed class CosmosServerOptions : LocalEmulatorOptions
{
    /// <summary>The HTTPS port on 127.0.0.1; 0 lets the OS pick a free one (read it from <see cref="CosmosServer.Port"/>).</summary>
    /// <value>The default value is 0 (any free port).</value>
    public int Port { get; set; }

    /// <inheritdoc />
    public override void Validate()
    {
        base.Validate();
        ThrowIfNotPort(Port, nameof(Port));
    }
}
