namespace Bourse.Engine.Matching;

/// <summary>A resting order as it stands in the book, for snapshots, state hashes and inspection.</summary>
public readonly record struct RestingOrder(long OrderId, Side Side, long Price, long Quantity, long AccountId, bool IsDay);
