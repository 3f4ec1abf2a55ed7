using System.Globalization;
using System.Text.Json;

namespace Bourse.EventHubsLocal.Hubs;

/// <summary>
/// What a hub's directory remembers besides its events: its name as first configured, its creation time (the
/// management node reports it, so it must survive restarts) and its partition count (which cannot change, because
/// partition keys would move). Stored as <c>hub.json</c>, written once, atomically.
/// </summary>
internal sealed record HubMetadata(string Name, DateTimeOffset CreatedAt, int PartitionCount)
{
    public const string FileName = "hub.json";

    public static HubMetadata? TryLoad(string directory)
    {
        var path = Path.Combine(directory, FileName);
        if (!File.Exists(path))
        {
            return null;
        }

        using var document = JsonDocument.Parse(File.ReadAllBytes(path));
        var root = document.RootElement;
        return new HubMetadata(
            root.GetProperty("name").GetString() ?? throw new InvalidDataException($"{path} has no name."),
            DateTimeOffset.Parse(root.GetProperty("createdAt").GetString() ?? "", CultureInfo.InvariantCulture),
            root.GetProperty("partitionCount").GetInt32());
    }

    public void Save(string directory)
    {
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, FileName);
        var temporary = path + ".tmp";
        using (var stream = File.Create(temporary))
        using (var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            writer.WriteStartObject();
            writer.WriteString("name", Name);
            writer.WriteString("createdAt", CreatedAt.UtcDateTime.ToString("O", CultureInfo.InvariantCulture));
            writer.WriteNumber("partitionCount", PartitionCount);
            writer.WriteEndObject();
        }

        File.Move(temporary, path, overwrite: true);
    }
}
