namespace Bourse.Domain.Ledger;

/// <summary>What an order still has held on its account: <paramref name="Amount"/> of <paramref name="Asset"/>.</summary>
public readonly record struct OrderHold(string Asset, decimal Amount);
