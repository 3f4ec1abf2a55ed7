namespace Bourse.Domain.Risk.Ports;

/// <summary>One of a customer's earlier transactions, as the daily aggregate and the structuring rule see it.</summary>
/// <param name="TransactionId">Its business id (an order id for a securities order).</param>
/// <param name="At">When it was made.</param>
/// <param name="Amount">Its amount (positive) and currency.</param>
/// <param name="Channel">How the money moved.</param>
/// <param name="IsCrossBorder">Whether it crossed a border.</param>
public sealed record PastTransaction(string TransactionId, DateTimeOffset At, Money Amount, TransactionChannel Channel, bool IsCrossBorder);
