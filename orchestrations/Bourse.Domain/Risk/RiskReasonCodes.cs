namespace Bourse.Domain.Risk;

/// <summary>
/// The reason codes of <see cref="RuleVerdict.ReasonCode"/>. They are stable identifiers (stored with decisions, keyed on
/// by reports): add new ones, never rename. A code says why; the verdict's kind says what follows, and for the
/// configurable ones (near sanctions match, high-risk jurisdiction) the same code can be a flag or a rejection.
/// </summary>
public static class RiskReasonCodes
{
    // Any rule

    /// <summary>Reject: the rule did not answer before the deadline (fail closed).</summary>
    public const string RuleTimeout = "RULE_TIMEOUT";

    /// <summary>Reject: the rule threw (fail closed); the inputs carry the exception's type and message.</summary>
    public const string RuleFailed = "RULE_FAILED";

    /// <summary>Reject: the rule set could not be read (invalid after a reload); no rule ran.</summary>
    public const string RuleSetInvalid = "RULESET_INVALID";

    /// <summary>Pass: the rule is switched off in the rule set.</summary>
    public const string RuleDisabled = "RULE_DISABLED";

    /// <summary>Pass: the rule does not apply to this channel (a price band for a transfer).</summary>
    public const string NotApplicable = "NOT_APPLICABLE";

    // AML large value

    /// <summary>Pass: below the threshold, single and daily aggregate.</summary>
    public const string AmlBelowThreshold = "AML_BELOW_THRESHOLD";

    /// <summary>Pass: no threshold is configured for this currency, channel, customer type and reach.</summary>
    public const string AmlNoThreshold = "AML_NO_THRESHOLD";

    /// <summary>Flag: the transaction alone is at or above the threshold.</summary>
    public const string AmlLargeValueSingle = "AML_LARGE_VALUE_SINGLE";

    /// <summary>Flag: today's total (this transaction included) is at or above the threshold.</summary>
    public const string AmlLargeValueDaily = "AML_LARGE_VALUE_DAILY";

    // AML structuring

    /// <summary>Pass: no run of transactions just below a threshold.</summary>
    public const string StructuringNotDetected = "STRUCTURING_NOT_DETECTED";

    /// <summary>Flag: enough transactions just below a threshold within the window.</summary>
    public const string StructuringSuspected = "STRUCTURING_SUSPECTED";

    // Sanctions

    /// <summary>Pass: no name is on the list, exactly or nearly.</summary>
    public const string SanctionsClear = "SANCTIONS_CLEAR";

    /// <summary>Reject: a name is on the list (same normalized name, any token order).</summary>
    public const string SanctionsExactMatch = "SANCTIONS_EXACT_MATCH";

    /// <summary>Reject or flag (configured): a name is close to one on the list.</summary>
    public const string SanctionsNearMatch = "SANCTIONS_NEAR_MATCH";

    /// <summary>Reject: a name has no letter or digit to screen.</summary>
    public const string SanctionsUnscreenableName = "SANCTIONS_UNSCREENABLE_NAME";

    // Jurisdictions

    /// <summary>Pass: no country is high-risk.</summary>
    public const string JurisdictionClear = "JURISDICTION_CLEAR";

    /// <summary>Reject or flag (configured): the customer's or a counterparty's country is high-risk.</summary>
    public const string JurisdictionHighRisk = "JURISDICTION_HIGH_RISK";

    /// <summary>Reject: the customer's country is missing or not an ISO 3166-1 alpha-2 code.</summary>
    public const string JurisdictionCountryMissing = "JURISDICTION_COUNTRY_MISSING";

    // Daily notional limit

    /// <summary>Pass: today's notional with this order stays within the limit.</summary>
    public const string LimitWithin = "LIMIT_WITHIN";

    /// <summary>Reject: today's executed and pending notional plus this order exceeds the limit.</summary>
    public const string LimitDailyNotionalExceeded = "LIMIT_DAILY_NOTIONAL_EXCEEDED";

    /// <summary>Reject: no limit is configured for the account in the order's currency.</summary>
    public const string LimitNotConfigured = "LIMIT_NOT_CONFIGURED";

    /// <summary>Reject: the exposure came back in another currency than the order's.</summary>
    public const string LimitCurrencyMismatch = "LIMIT_CURRENCY_MISMATCH";

    // Price band

    /// <summary>Pass: the limit price is within the band around the reference price.</summary>
    public const string PriceWithinBand = "PRICE_WITHIN_BAND";

    /// <summary>Pass: a market order has no price to check.</summary>
    public const string PriceMarketOrder = "PRICE_MARKET_ORDER";

    /// <summary>Reject: the limit price is outside the band.</summary>
    public const string PriceOutsideBand = "PRICE_OUTSIDE_BAND";

    /// <summary>Reject: the instrument has no (positive) reference price.</summary>
    public const string PriceNoReference = "PRICE_NO_REFERENCE";

    /// <summary>Reject: the reference price is in another currency than the order's.</summary>
    public const string PriceCurrencyMismatch = "PRICE_CURRENCY_MISMATCH";
}
