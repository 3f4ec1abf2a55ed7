using Bourse.Domain.Risk.Configuration;

namespace Bourse.Domain.Risk.Rules;

/// <summary>
/// High-risk jurisdictions (<see cref="JurisdictionOptions"/>): the customer's country and every counterparty's known
/// country. A rejected country rejects, a flagged one flags (<see cref="RiskReasonCodes.JurisdictionHighRisk"/>); a
/// customer without a valid country rejects (<see cref="RiskReasonCodes.JurisdictionCountryMissing"/>). A counterparty
/// whose country is unknown is not judged by this rule.
/// </summary>
public sealed class JurisdictionRule : IRiskRule
{
    /// <inheritdoc/>
    public string Id => RiskRuleIds.Jurisdiction;

    /// <inheritdoc/>
    public ValueTask<RuleVerdict> EvaluateAsync(RiskEvaluationContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        return ValueTask.FromResult(Evaluate(context.RuleSet.Jurisdictions, context.Subject));
    }

    private static RuleVerdict Evaluate(JurisdictionOptions options, RiskSubject subject)
    {
        if (!options.Enabled)
        {
            return Inputs.Disabled("jurisdiction");
        }

        string customerCountry = subject.CustomerCountry.Trim().ToUpperInvariant();
        if (!CountryCode.IsAlpha2(customerCountry))
        {
            return RuleVerdict.Reject(RiskReasonCodes.JurisdictionCountryMissing, "The customer's country is missing or not an ISO 3166-1 alpha-2 code.",
                new Dictionary<string, string> { ["customerCountry"] = subject.CustomerCountry });
        }

        var parties = new List<(string Party, string Country)> { ("customer", customerCountry) };
        for (int i = 0; i < subject.Counterparties.Count; i++)
        {
            if (!string.IsNullOrWhiteSpace(subject.Counterparties[i].Country))
            {
                parties.Add(($"counterparty[{Inputs.Of(i)}]", subject.Counterparties[i].Country!.Trim().ToUpperInvariant()));
            }
        }

        (string Party, string Country)? flagged = null;
        foreach ((string party, string country) in parties)
        {
            if (options.RejectedCountries.Contains(country, StringComparer.Ordinal))
            {
                return HighRisk(VerdictKind.Reject, party, country);
            }

            if (flagged is null && options.FlaggedCountries.Contains(country, StringComparer.Ordinal))
            {
                flagged = (party, country);
            }
        }

        return flagged is { } f
            ? HighRisk(VerdictKind.Flag, f.Party, f.Country)
            : RuleVerdict.Pass(RiskReasonCodes.JurisdictionClear, "No country involved is high-risk.",
                new Dictionary<string, string> { ["countries"] = string.Join(",", parties.Select(p => $"{p.Party}={p.Country}")) });
    }

    private static RuleVerdict HighRisk(VerdictKind kind, string party, string country) =>
        RuleVerdict.Of(kind, RiskReasonCodes.JurisdictionHighRisk,
            $"The {party}'s country {country} is a high-risk jurisdiction ({(kind == VerdictKind.Reject ? "rejected" : "flagged")}).",
            new Dictionary<string, string> { ["party"] = party, ["country"] = country, ["list"] = kind == VerdictKind.Reject ? "RejectedCountries" : "FlaggedCountries" });
}
