using System.Globalization;
using System.Text.RegularExpressions;

namespace Bourse.EventHubsLocal;

/// <summary>An event hub that an <see cref="EventHubsLocalServer"/> serves.</summary>
public sealed partial class EventHubDefinition
{
    /// <summary>Creates a definition; see the properties for the rules.</summary>
    public EventHubDefinition(string name, int partitionCount = 4, params IEnumerable<string> consumerGroups)
    {
        Name = name;
        PartitionCount = partitionCount;
        ConsumerGroups = [.. consumerGroups];
    }

    /// <summary>
    /// The hub's name: letters, digits, '.', '-' and '_', starting with a letter or digit, at most 256 characters.
    /// Case-insensitive, as in the service.
    /// </summary>
    public string Name { get; }

    /// <summary>Number of partitions, 1 to 1024. Fixed once the hub has been created in a data directory.</summary>
    /// <value>The default value is 4 partitions.</value>
    public int PartitionCount { get; }

    /// <summary>Consumer groups besides <c>$Default</c>, which every hub has.</summary>
    /// <value>The default value is none.</value>
    public IReadOnlyList<string> ConsumerGroups { get; }

    /// <summary>
    /// Parses the command line's form <c>name[:partitions[:group,group…]]</c>, e.g. <c>executions:4</c> or
    /// <c>executions:4:settlement,audit</c>.
    /// </summary>
    /// <exception cref="FormatException">The text does not have that form or breaks a rule.</exception>
    public static EventHubDefinition Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var parts = text.Split(':');
        if (parts.Length > 3)
        {
            throw new FormatException($"'{text}' is not name[:partitions[:group,group...]].");
        }

        var partitionCount = 4;
        if (parts.Length > 1 && !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out partitionCount))
        {
            throw new FormatException($"'{parts[1]}' in '{text}' is not a partition count.");
        }

        var groups = parts.Length > 2 ? parts[2].Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) : [];
        var definition = new EventHubDefinition(parts[0], partitionCount, groups);
        try
        {
            definition.Validate();
        }
        catch (ArgumentException e)
        {
            throw new FormatException(e.Message, e);
        }

        return definition;
    }

    /// <summary>Throws when a value breaks a rule.</summary>
    public void Validate()
    {
        if (Name is null || !NamePattern().IsMatch(Name))
        {
            throw new ArgumentException($"'{Name}' is not a valid event hub name.", nameof(Name));
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(PartitionCount, 1, nameof(PartitionCount));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(PartitionCount, 1024, nameof(PartitionCount));
        foreach (var group in ConsumerGroups)
        {
            if (string.Equals(group, "$Default", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            if (group is null || !NamePattern().IsMatch(group))
            {
                throw new ArgumentException($"'{group}' is not a valid consumer group name.", nameof(ConsumerGroups));
            }
        }
    }

    /// <inheritdoc />
    public override string ToString() =>
        ConsumerGroups.Count == 0 ? $"{Name}:{PartitionCount}" : $"{Name}:{PartitionCount}:{string.Join(',', ConsumerGroups)}";

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._-]{0,255}$", RegexOptions.CultureInvariant)]
    private static partial Regex NamePattern();
}
