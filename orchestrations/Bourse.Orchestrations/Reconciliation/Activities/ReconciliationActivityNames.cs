namespace Bourse.Orchestrations.Reconciliation.Activities;

/// <summary>The registered names of reconciliation's activities.</summary>
public static class ReconciliationActivityNames
{
    /// <summary><see cref="LoadFillFactsActivity"/>.</summary>
    public const string LoadFillFacts = nameof(LoadFillFacts);

    /// <summary><see cref="LoadFillEntriesActivity"/>.</summary>
    public const string LoadFillEntries = nameof(LoadFillEntries);

    /// <summary><see cref="ReRaiseExecutionsActivity"/>.</summary>
    public const string ReRaiseExecutions = nameof(ReRaiseExecutions);

    /// <summary><see cref="ClearDirectFillsActivity"/>.</summary>
    public const string ClearDirectFills = nameof(ClearDirectFills);
}
