using System.Globalization;
using Bourse.Domain.Ledger;

namespace Bourse.Adapters.Cosmos.Documents;

/// <summary>Between the domain's types and the stored documents.</summary>
internal static class DocumentMapping
{
    public static AccountState ToState(this AccountDocument document) => new(
        document.AccountId,
        document.Balances.ToDictionary(b => b.Key, b => new AssetBalance(b.Value.Available, b.Value.Held), StringComparer.Ordinal),
        document.Holds.ToDictionary(h => h.Key, h => new OrderHold(h.Value.Asset, h.Value.Amount), StringComparer.Ordinal),
        new Dictionary<string, decimal>(document.Floors, StringComparer.Ordinal));

    /// <summary>The document with <paramref name="state"/>'s balances, holds and floors (markers kept).</summary>
    public static void SetState(this AccountDocument document, AccountState state)
    {
        document.Balances = state.Balances.ToDictionary(b => b.Key, b => new BalanceDocument { Available = b.Value.Available, Held = b.Value.Held }, StringComparer.Ordinal);
        document.Holds = state.Holds.ToDictionary(h => h.Key, h => new HoldDocument { Asset = h.Value.Asset, Amount = h.Value.Amount }, StringComparer.Ordinal);
        document.Floors = new Dictionary<string, decimal>(state.Floors, StringComparer.Ordinal);
    }

    public static AccountDocument NewAccount(string accountId) => new() { Id = accountId, AccountId = accountId };

    public static EntryDocument ToDocument(this JournalEntry entry, string partitionKey, DateTimeOffset recordedAt) => new()
    {
        Id = entry.Id,
        PartitionKey = partitionKey,
        Kind = entry.Kind.ToString(),
        Status = entry.Accounts.Count == 0 ? EntryStatuses.Complete : EntryStatuses.Pending,
        Postings = [.. entry.Postings.Select(p => new PostingDocument
        {
            AccountId = p.AccountId,
            Asset = p.Asset,
            Amount = p.Amount,
            Bucket = p.Bucket.ToString(),
            OrderId = p.OrderId,
        })],
        Accounts = [.. entry.Accounts],
        RecordedAt = recordedAt.ToUniversalTime(),
        RecordedAtMs = recordedAt.ToUnixTimeMilliseconds(),
        CompletedAt = entry.Accounts.Count == 0 ? recordedAt.ToUniversalTime() : null,
    };

    public static JournalEntry ToEntry(this EntryDocument document)
    {
        try
        {
            return new JournalEntry(
                document.Id,
                Enum.Parse<JournalEntryKind>(document.Kind),
                document.Postings.Select(p => new Posting(p.AccountId, p.Asset, p.Amount, Enum.Parse<LedgerBucket>(p.Bucket), p.OrderId)));
        }
        catch (ArgumentException ex)
        {
            throw new LedgerException(LedgerFailureReason.CorruptDocument, $"entry document '{document.Id}' is not a valid entry: {ex.Message}", ex);
        }
    }

    public static LedgerEntryStatus ToStatus(this EntryDocument document) => document.Status switch
    {
        EntryStatuses.Pending => LedgerEntryStatus.Pending,
        EntryStatuses.Complete => LedgerEntryStatus.Complete,
        EntryStatuses.Refused => LedgerEntryStatus.Refused,
        _ => throw new LedgerException(LedgerFailureReason.CorruptDocument, $"entry document '{document.Id}' has status '{document.Status}'"),
    };

    public static LedgerEntryRecord ToRecord(this EntryDocument document) => new(
        document.ToEntry(),
        document.ToStatus(),
        document.RecordedAt,
        document.CompletedAt,
        [.. document.AppliedTo.Where(a => a.Value).Select(a => a.Key).Order(StringComparer.Ordinal)],
        document.Refusal?.ToRefusal());

    public static RefusalDocument ToDocument(this LedgerRefusal refusal) => new()
    {
        Code = refusal.Code.ToString(),
        AccountId = refusal.AccountId,
        Asset = refusal.Asset,
        Detail = refusal.Detail,
    };

    public static LedgerRefusal ToRefusal(this RefusalDocument document) => new(
        Enum.TryParse<LedgerRefusalCode>(document.Code, out var code) ? code : throw new LedgerException(
            LedgerFailureReason.CorruptDocument, string.Create(CultureInfo.InvariantCulture, $"unknown refusal code '{document.Code}'")),
        document.AccountId,
        document.Asset,
        document.Detail);
}
