namespace Bourse.Domain.Ledger;

/// <summary>The result of applying an entry to an account: the new state, or why it was refused (and the state unchanged).</summary>
public sealed record AccountApplication(AccountState State, LedgerRefusal? Refusal)
{
    public bool IsRefused => Refusal is not null;
}
