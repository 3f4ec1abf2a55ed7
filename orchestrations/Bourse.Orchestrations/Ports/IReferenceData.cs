using Bourse.Domain.Risk;

namespace Bourse.Orchestrations.Ports;

/// <summary>The instrument master and the account register, as the saga's Validate and AssessRisk steps read them (a port:
/// an adapter reads them from the system of record).</summary>
public interface IReferenceData
{
    /// <summary>The instrument <paramref name="instrumentId"/>, or <see langword="null"/> when it is unknown.</summary>
    ValueTask<InstrumentInfo?> GetInstrumentAsync(int instrumentId, CancellationToken cancellationToken = default);

    /// <summary>The account <paramref name="accountId"/> with its owner's KYC data, or <see langword="null"/> when it is unknown.</summary>
    ValueTask<AccountInfo?> GetAccountAsync(string accountId, CancellationToken cancellationToken = default);
}

/// <summary>What the saga needs to know about an instrument.</summary>
/// <param name="InstrumentId">The engine's instrument (book) id.</param>
/// <param name="Currency">ISO 4217 code of its prices.</param>
/// <param name="TickSize">The price step: a valid price is a positive multiple of it; one engine price tick.</param>
/// <param name="LotSize">The quantity step: a valid quantity is a positive multiple of it.</param>
/// <param name="IsTradable">False while the instrument is suspended, halted or delisted.</param>
/// <param name="LowerPriceLimit">The lowest price the exchange accepts today (daily limit); <see langword="null"/>: none.</param>
/// <param name="UpperPriceLimit">The highest price the exchange accepts today; <see langword="null"/>: none.</param>
public sealed record InstrumentInfo(
    int InstrumentId, string Currency, decimal TickSize, long LotSize, bool IsTradable,
    decimal? LowerPriceLimit = null, decimal? UpperPriceLimit = null);

/// <summary>An account and the customer who owns it (KYC data for the risk rules).</summary>
public sealed record AccountInfo(
    string AccountId, AccountStatus Status, string CustomerId, CustomerType CustomerType, string CustomerName, string CustomerCountry);

/// <summary>Whether an account may trade.</summary>
public enum AccountStatus
{
    /// <summary>May trade.</summary>
    Active,

    /// <summary>Temporarily blocked (compliance hold, dormant, ...).</summary>
    Suspended,

    /// <summary>Closed for good.</summary>
    Closed,
}
