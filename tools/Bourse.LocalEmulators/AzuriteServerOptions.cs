namespace Bourse.LocalEmulators;

/// <summary>How an <see cref="AzuriteServer"/> listens and where it keeps its data.</summary>
/// <remarks>Azurite always binds to 127.0.0.1: it accepts the well-known development key and nothing else guards it.</remarks>
public sealed class AzuriteServerOptions : LocalEmulatorOptions
{
    /// <summary>
    /// The folder that holds the blobs, queues and tables (Azurite's <c>--location</c>; created if missing). A server
    /// started again on the same folder serves the same data. <c>null</c> keeps everything in memory
    /// (<c>--inMemoryPersistence</c>): it is gone when the process stops.
    /// </summary>
    /// <value>The default value is <c>null</c> (in memory).</value>
    public string? DataDirectory { get; set; }

    /// <summary>The Blob service's port on 127.0.0.1; 0 lets the OS pick a free one (read it from <see cref="AzuriteServer.BlobPort"/>).</summary>
    /// <value>The default value is 0 (any free port).</value>
    public int BlobPort { get; set; }

    /// <summary>The Queue service's port on 127.0.0.1; 0 lets the OS pick a free one.</summary>
    /// <value>The default value is 0 (any free port).</value>
    public int QueuePort { get; set; }

    /// <summary>The Table service's port on 127.0.0.1; 0 lets the OS pick a free one.</summary>
    /// <value>The default value is 0 (any free port).</value>
    public int TablePort { get; set; }

    /// <inheritdoc />
    public override void Validate()
    {
        base.Validate();
        ThrowIfNotPort(BlobPort, nameof(BlobPort));
        ThrowIfNotPort(QueuePort, nameof(QueuePort));
        ThrowIfNotPort(TablePort, nameof(TablePort));
        if (DataDirectory is not null && string.IsNullOrWhiteSpace(DataDirectory))
        {
            throw new ArgumentException("The data directory must be null (in memory) or a path.", nameof(DataDirectory));
        }
    }
}
