namespace Bourse.Engine.Matching;

/// <summary>One aggregated price level of a book (L2).</summary>
public readonly record struct BookLevel(Side Side, long Price, long TotalQuantity, int OrderCount);
