using System.Runtime.CompilerServices;
using Bourse.Domain.Risk.Configuration;
using Bourse.Domain.Risk.Names;

namespace Bourse.Domain.Risk.Rules;

/// <summary>
/// Sanctions screening (<see cref="SanctionsOptions"/>): the customer's name and every counterparty's name against the
/// list. An exact match rejects (<see cref="RiskReasonCodes.SanctionsExactMatch"/>), a near match rejects or flags as
/// configured (<see cref="RiskReasonCodes.SanctionsNearMatch"/>), a name with nothing to screen rejects
/// (<see cref="RiskReasonCodes.SanctionsUnscreenableName"/>). The most severe finding is the verdict.
/// </summary>
public sealed class SanctionsRule : IRiskRule
{
    // One index per rule set (per bound SanctionsOptions instance): built on first use after a reload, then shared.
    private readonly ConditionalWeakTable<SanctionsOptions, SanctionsIndex> _indexes = [];

    /// <inheritdoc/>
    public string Id => RiskRuleIds.Sanctions;

    /// <inheritdoc/>
    public ValueTask<RuleVerdict> EvaluateAsync(RiskEvaluationContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        SanctionsOptions options = context.RuleSet.Sanctions;
        if (!options.Enabled)
        {
            return ValueTask.FromResult(Inputs.Disabled("sanctions"));
        }

        SanctionsIndex index = _indexes.GetValue(options, static o => SanctionsIndex.Build(o.Entries));
        RiskSubject subject = context.Subject;
        var parties = new List<(string Party, string Name)> { ("customer", subject.CustomerName) };
        for (int i = 0; i < subject.Counterparties.Count; i++)
        {
            parties.Add(($"counterparty[{Inputs.Of(i)}]", subject.Counterparties[i].Name));
        }

        RuleVerdict? worst = null;
        foreach ((string party, string name) in parties)
        {
            RuleVerdict? finding = Screen(index, options, party, name, cancellationToken);
            if (finding is not null && (worst is null || finding.Kind > worst.Kind || (finding.Kind == worst.Kind && Rank(finding) > Rank(worst))))
            {
                worst = finding;
            }
        }

        return ValueTask.FromResult(worst ?? RuleVerdict.Pass(RiskReasonCodes.SanctionsClear, $"No name is on the sanctions list ({Inputs.Of(parties.Count)} screened).",
            new Dictionary<string, string>
            {
                ["screened"] = Inputs.Of(parties.Count),
                ["listedNames"] = Inputs.Of(index.Count),
                ["nearMatchThreshold"] = Inputs.Of(options.NearMatchThreshold),
            }));
    }

    private static RuleVerdict? Screen(SanctionsIndex index, SanctionsOptions options, string party, string name, CancellationToken cancellationToken)
    {
        NormalizedName normalized = NameNormalizer.Analyze(name);
        if (normalized.IsEmpty)
        {
            return RuleVerdict.Reject(RiskReasonCodes.SanctionsUnscreenableName, $"The {party}'s name has no letter or digit to screen.",
                new Dictionary<string, string> { ["party"] = party, ["name"] = name });
        }

        NameMatch? match = index.Find(normalized, options.NearMatchThreshold, cancellationToken);
        if (match is null)
        {
            return null;
        }

        var inputs = new Dictionary<string, string>
        {
            ["party"] = party,
            ["name"] = name,
            ["normalized"] = normalized.Spaced,
            ["entryId"] = match.EntryId,
            ["listedName"] = match.ListedName,
            ["similarity"] = Inputs.Of(match.Similarity),
        };
        if (match.IsExact)
        {
            return RuleVerdict.Reject(RiskReasonCodes.SanctionsExactMatch, $"The {party}'s name is on the sanctions list (entry {match.EntryId}).", inputs);
        }

        inputs["nearMatchThreshold"] = Inputs.Of(options.NearMatchThreshold);
        return RuleVerdict.Of(options.NearMatchVerdict, RiskReasonCodes.SanctionsNearMatch,
            $"The {party}'s name is close to one on the sanctions list (entry {match.EntryId}, similarity {Inputs.Of(match.Similarity)}).", inputs);
    }

    // Among findings of the same kind: an exact match outranks an unscreenable name, which outranks a near match.
    private static int Rank(RuleVerdict verdict) => verdict.ReasonCode switch
    {
        RiskReasonCodes.SanctionsExactMatch => 2,
        RiskReasonCodes.SanctionsUnscreenableName => 1,
        _ => 0,
    };
}
