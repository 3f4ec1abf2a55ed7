namespace Bourse.Domain.Ledger;

/// <summary>A refusal: the code, the account and asset concerned, and a sentence with the numbers.</summary>
public sealed record LedgerRefusal(LedgerRefusalCode Code, string AccountId, string Asset, string Detail);
