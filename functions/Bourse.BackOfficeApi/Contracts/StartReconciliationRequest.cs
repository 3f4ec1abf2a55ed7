namespace Bourse.BackOfficeApi.Contracts;

/// <summary>The body of <c>POST /api/reconciliations</c>: the window to reconcile. Left out, the instruments are the
/// configured ones (<see cref="BackOfficeApiOptions.ReconciliationInstrumentIds"/>) and the ranges everything stored.</summary>
public sealed record StartReconciliationRequest
{
    /// <summary>The instruments.</summary>
    public IReadOnlyList<int>? InstrumentIds { get; init; }

    /// <summary>The first instrument sequence (default 1).</summary>
    public long? FromSequence { get; init; }

    /// <summary>The last instrument sequence (default: everything).</summary>
    public long? ToSequence { get; init; }

    /// <summary>The earliest storing time.</summary>
    public DateTimeOffset? StoredFrom { get; init; }

    /// <summary>The end (exclusive) of the storing times.</summary>
    public DateTimeOffset? StoredTo { get; init; }
}
