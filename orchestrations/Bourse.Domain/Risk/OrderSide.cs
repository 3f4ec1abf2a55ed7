namespace Bourse.Domain.Risk;

/// <summary>The side of a securities order.</summary>
public enum OrderSide
{
    /// <summary>Buy.</summary>
    Buy,

    /// <summary>Sell.</summary>
    Sell,
}
