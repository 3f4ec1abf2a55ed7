using Bourse.Domain.Ledger;

namespace Bourse.Adapters.Cosmos;

/// <summary>An entry as the ledger recorded it, for reconciliation.</summary>
/// <param name="Entry">The postings under the deterministic id.</param>
/// <param name="Status">Pending, complete or refused.</param>
/// <param name="RecordedAt">When the first delivery recorded it (the ledger's clock).</param>
/// <param name="CompletedAt">When it was marked complete or refused.</param>
/// <param name="AppliedTo">The accounts it is known to be applied to.</param>
/// <param name="Refusal">Why it was refused, or what last kept it pending.</param>
public sealed record LedgerEntryRecord(
    JournalEntry Entry,
    LedgerEntryStatus Status,
    DateTimeOffset RecordedAt,
    DateTimeOffset? CompletedAt,
    IReadOnlyCollection<string> AppliedTo,
    LedgerRefusal? Refusal);
