namespace Bourse.LocalStack;

/// <summary>What <see cref="LocalBackOffice.StartAsync"/> starts.</summary>
public sealed class LocalBackOfficeOptions
{
    /// <summary>Where the stack keeps its state (Azurite's data, the Event Hubs log, the engine's journal, settings and
    /// logs). Required; reuse it to find the state again after a restart.</summary>
    public string WorkDirectory { get; set; } = "";

    /// <summary>The instruments.</summary>
    public IReadOnlyList<LocalInstrument> Instruments { get; set; } = LocalInstrument.Defaults;

    /// <summary>The Durable Task task hub of the local host.</summary>
    public string TaskHub { get; set; } = "bourse";

    /// <summary>The build configuration whose outputs run (<c>Release</c>); <see langword="null"/>: the one this library
    /// was loaded from.</summary>
    public string? BuildConfiguration { get; set; }

    /// <summary>Extra settings for the local host (configuration keys with <c>__</c> as separator), for example a shorter
    /// report timeout in a test.</summary>
    public IDictionary<string, string> LocalHostSettings { get; } = new Dictionary<string, string>(StringComparer.Ordinal);
}
