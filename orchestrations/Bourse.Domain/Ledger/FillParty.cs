namespace Bourse.Domain.Ledger;

/// <summary>One side of a fill: the account and the order that traded.</summary>
public readonly record struct FillParty(string AccountId, string OrderId);
