namespace Bourse.EventHubsLocal;

/// <summary>How an <see cref="EventHubsLocalServer"/> listens, where it keeps its data and which hubs it serves.</summary>
/// <remarks>The server always binds to 127.0.0.1: it has no authentication and no TLS.</remarks>
public sealed class EventHubsLocalServerOptions
{
    /// <summary>The TCP port on 127.0.0.1; 0 lets the OS pick a free one (read it from <see cref="EventHubsLocalServer.Port"/>).</summary>
    /// <value>The default value is 0 (any free port).</value>
    public int Port { get; set; }

    /// <summary>
    /// The directory that holds every hub's events (created if missing). Restarting a server on the same directory
    /// serves the same events with the same sequence numbers and offsets.
    /// </summary>
    /// <value>There is no default: it is required.</value>
    public string DataDirectory { get; set; } = "";

    /// <summary>The hubs to serve; at least one, names unique (case-insensitive).</summary>
    /// <value>The default value is an empty list.</value>
    public IList<EventHubDefinition> Hubs { get; } = [];

    /// <summary>
    /// The largest message (a single event or a whole batch) a producer may send; the client reads it from the link
    /// and sizes its batches by it.
    /// </summary>
    /// <value>The default value is 1,048,576 bytes (1 MiB, the service's Standard tier).</value>
    public int MaxMessageSize { get; set; } = 1024 * 1024;

    /// <summary>
    /// Whether every accepted batch is fsynced before the producer is answered. Without it, accepted events survive a
    /// process crash or restart (they are in the OS) but not a power loss.
    /// </summary>
    /// <value>The default value is <c>false</c>.</value>
    public bool FlushToDisk { get; set; }

    /// <summary>The clock that stamps enqueued times and hub creation times.</summary>
    /// <value>The default value is <see cref="TimeProvider.System"/>.</value>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>Throws when a value is out of range.</summary>
    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfNegative(Port, nameof(Port));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(Port, 65535, nameof(Port));
        if (string.IsNullOrWhiteSpace(DataDirectory))
        {
            throw new ArgumentException("A data directory is required.", nameof(DataDirectory));
        }

        if (Hubs.Count == 0)
        {
            throw new ArgumentException("At least one event hub is required.", nameof(Hubs));
        }

        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var hub in Hubs)
        {
            ArgumentNullException.ThrowIfNull(hub, nameof(Hubs));
            hub.Validate();
            if (!names.Add(hub.Name))
            {
                throw new ArgumentException($"Event hub '{hub.Name}' is defined twice.", nameof(Hubs));
            }
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(MaxMessageSize, 1024, nameof(MaxMessageSize));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(MaxMessageSize, Storage.LogRecord.MaxMessageSize, nameof(MaxMessageSize));
        ArgumentNullException.ThrowIfNull(TimeProvider, nameof(TimeProvider));
    }
}
