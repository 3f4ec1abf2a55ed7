namespace Bourse.Domain.Risk.Configuration;

/// <summary>
/// Per-account daily notional limits of securities orders: the account's executed and pending notional of the business
/// day plus this order must not exceed the limit. The limit is the account's own for the currency
/// (<see cref="AccountLimits"/>), else the default for the currency (<see cref="Limits"/>); an order in a currency with
/// neither is rejected (<see cref="RiskReasonCodes.LimitNotConfigured"/>).
/// </summary>
public sealed class DailyNotionalLimitOptions
{
    /// <summary>Whether the rule runs.</summary>
    /// <value>The default value is <see langword="true"/>.</value>
    public bool Enabled { get; set; } = true;

    /// <summary>The default limit per currency (ISO 4217 code → amount).</summary>
    /// <value>The default value is no limit: configure at least one while the rule is enabled.</value>
    public IDictionary<string, decimal> Limits { get; } = new Dictionary<string, decimal>(StringComparer.OrdinalIgnoreCase);

    /// <summary>Accounts with limits of their own: account id → (currency → amount).</summary>
    /// <value>The default value is no account.</value>
    public IDictionary<string, IDictionary<string, decimal>> AccountLimits { get; } =
        new Dictionary<string, IDictionary<string, decimal>>(StringComparer.OrdinalIgnoreCase);
}
