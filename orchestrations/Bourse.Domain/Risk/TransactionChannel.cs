namespace Bourse.Domain.Risk;

/// <summary>How the money moves. Large-value thresholds differ by channel.</summary>
public enum TransactionChannel
{
    /// <summary>Cash paid in or out over the counter.</summary>
    Cash,

    /// <summary>A funds transfer (domestic or cross-border).</summary>
    Transfer,

    /// <summary>An order to buy or sell securities; its notional is the money at stake.</summary>
    SecuritiesOrder,
}
