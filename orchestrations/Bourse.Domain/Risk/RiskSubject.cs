namespace Bourse.Domain.Risk;

/// <summary>
/// What the pre-trade risk rules judge: one order, transfer or cash movement, with the customer and counterparties
/// behind it. Built by the saga's AssessRisk activity from the order and the customer's KYC record.
/// </summary>
public sealed record RiskSubject
{
    /// <summary>The business id of the order or transaction (the saga's instance id); it keys the decision.</summary>
    public required string OrderId { get; init; }

    /// <summary>The account the order or transaction is booked on.</summary>
    public required string AccountId { get; init; }

    /// <summary>The customer who owns the account.</summary>
    public required string CustomerId { get; init; }

    /// <summary>Individual or corporate.</summary>
    public required CustomerType CustomerType { get; init; }

    /// <summary>The customer's name as KYC recorded it; screened against the sanctions list.</summary>
    public required string CustomerName { get; init; }

    /// <summary>ISO 3166-1 alpha-2 code of the customer's country (residence or incorporation).</summary>
    public required string CustomerCountry { get; init; }

    /// <summary>How the money moves.</summary>
    public required TransactionChannel Channel { get; init; }

    /// <summary>
    /// The money at stake: for an order, limit price (or an estimate for a market order) times quantity; for a transfer or
    /// cash movement, its amount. Always more than zero.
    /// </summary>
    public required Money Notional { get; init; }

    /// <summary>Whether the money crosses a border (a cross-border transfer). Thresholds may differ.</summary>
    public bool IsCrossBorder { get; init; }

    /// <summary>The instrument of a securities order; <see langword="null"/> for other channels.</summary>
    public string? InstrumentId { get; init; }

    /// <summary>The side of a securities order; <see langword="null"/> for other channels.</summary>
    public OrderSide? Side { get; init; }

    /// <summary>The limit price of a securities order in <see cref="Money.Currency"/> of <see cref="Notional"/>;
    /// <see langword="null"/> for a market order (and for other channels).</summary>
    public decimal? LimitPrice { get; init; }

    /// <summary>The quantity of a securities order; <see langword="null"/> for other channels.</summary>
    public decimal? Quantity { get; init; }

    /// <summary>The other parties (payee, beneficiary, ...); screened like the customer.</summary>
    /// <value>The default value is no counterparty.</value>
    public IReadOnlyList<Counterparty> Counterparties { get; init; } = [];

    /// <summary>What is wrong with this subject, one message each; empty when the rules can judge it.</summary>
    internal IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        Require(OrderId, nameof(OrderId));
        Require(AccountId, nameof(AccountId));
        Require(CustomerId, nameof(CustomerId));
        if (CustomerName is null)
        {
            problems.Add($"{nameof(CustomerName)} is required");
        }

        if (CustomerCountry is null)
        {
            problems.Add($"{nameof(CustomerCountry)} is required");
        }

        if (Notional.Currency is null)
        {
            problems.Add($"{nameof(Notional)} is required");
        }
        else if (Notional.Amount <= 0)
        {
            problems.Add($"{nameof(Notional)} must be more than zero; it is {Notional}");
        }

        if (Channel == TransactionChannel.SecuritiesOrder)
        {
            Require(InstrumentId, nameof(InstrumentId) + " (a securities order)");
            if (Side is null)
            {
                problems.Add($"{nameof(Side)} is required for a securities order");
            }

            if (Quantity is not > 0)
            {
                problems.Add($"{nameof(Quantity)} of a securities order must be more than zero; it is {Quantity?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "missing"}");
            }

            if (LimitPrice is <= 0)
            {
                problems.Add($"{nameof(LimitPrice)} must be more than zero (or absent for a market order); it is {LimitPrice.Value.ToString(System.Globalization.CultureInfo.InvariantCulture)}");
            }
        }

        if (Counterparties is null)
        {
            problems.Add($"{nameof(Counterparties)} must not be null (empty when there is none)");
        }
        else if (Counterparties.Any(c => c is null || c.Name is null))
        {
            problems.Add($"every one of {nameof(Counterparties)} needs a name");
        }

        return problems;

        void Require(string? value, string name)
        {
            if (string.IsNullOrWhiteSpace(value))
            {
                problems.Add($"{name} is required");
            }
        }
    }
}
