namespace Bourse.Adapters.Cosmos;

/// <summary>What became of a ledger request.</summary>
public enum LedgerOutcome
{
    /// <summary>The entry is applied to every account it touches (now, or by an earlier delivery: see <see cref="LedgerResult.Duplicate"/>).</summary>
    Applied = 0,

    /// <summary>The entry was refused (<see cref="LedgerResult.Refusal"/>); nothing of it is applied, and a retry gets the same answer.</summary>
    Refused = 1,

    /// <summary>
    /// The entry is recorded and accepted but not yet applied everywhere: an account after the first refused it because
    /// its balance changed since the entry was checked (<see cref="LedgerResult.Refusal"/> says which). It stays pending;
    /// <see cref="CosmosLedger.CompletePendingAsync"/> retries it.
    /// </summary>
    Pending = 2,
}
