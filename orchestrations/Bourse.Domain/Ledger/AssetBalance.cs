namespace Bourse.Domain.Ledger;

/// <summary>An account's balance in one asset: what is free, and what is held for orders.</summary>
public readonly record struct AssetBalance(decimal Available, decimal Held)
{
    /// <summary>Available plus held.</summary>
    public decimal Total => Available + Held;
}
