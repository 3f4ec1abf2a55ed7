namespace Bourse.EngineHost.Publishing;

/// <summary>The instrument and command whose events an <see cref="IEventBodyEncoder"/> encodes.</summary>
/// <param name="InstrumentId">The instrument's id.</param>
/// <param name="InstrumentKey">The instrument's partition key (and <c>bourse-instrument</c> property).</param>
/// <param name="CommandSequence">The command's journal sequence.</param>
internal readonly record struct PublishCommand(int InstrumentId, string InstrumentKey, long CommandSequence);
