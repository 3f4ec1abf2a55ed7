namespace Bourse.EventHubsLocal.Hubs;

/// <summary>The hubs a server serves, opened from its data directory (one sub-directory per hub, by lower-case name).</summary>
internal sealed class EventHubCatalog : IDisposable
{
    private readonly Dictionary<string, EventHub> _hubs;

    private EventHubCatalog(Dictionary<string, EventHub> hubs)
    {
        _hubs = hubs;
    }

    public static EventHubCatalog Open(string dataDirectory, IEnumerable<EventHubDefinition> definitions, TimeProvider timeProvider, bool flushToDisk)
    {
        // Hub names are case-insensitive in the service, hence the comparer and the lower-case directory names.
        var hubs = new Dictionary<string, EventHub>(StringComparer.OrdinalIgnoreCase);
        try
        {
            foreach (var definition in definitions)
            {
                var directory = Path.Combine(dataDirectory, definition.Name.ToLowerInvariant());
                hubs.Add(definition.Name, EventHub.Open(directory, definition, timeProvider, flushToDisk));
            }
        }
        catch
        {
            foreach (var hub in hubs.Values)
            {
                hub.Dispose();
            }

            throw;
        }

        return new EventHubCatalog(hubs);
    }

    public EventHub? Find(string name) => _hubs.GetValueOrDefault(name);

    public void Dispose()
    {
        foreach (var hub in _hubs.Values)
        {
            hub.Dispose();
        }
    }
}
