using Bourse.Domain.Ledger;

namespace Bourse.Adapters.Cosmos;

/// <summary>The answer to a ledger request.</summary>
/// <param name="EntryId">The deterministic entry id (<see cref="EntryIds"/>).</param>
/// <param name="Outcome">Applied, refused or pending.</param>
/// <param name="Duplicate">The entry had been recorded by an earlier (or a concurrent) delivery of the same request.</param>
/// <param name="Entry">The entry as recorded (for a duplicate, the first delivery's); null when a refusal wrote nothing.</param>
/// <param name="Refusal">Why it was refused, or what keeps it pending; null when applied.</param>
public sealed record LedgerResult(string EntryId, LedgerOutcome Outcome, bool Duplicate, JournalEntry? Entry, LedgerRefusal? Refusal);
