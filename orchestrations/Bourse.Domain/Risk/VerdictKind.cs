namespace Bourse.Domain.Risk;

/// <summary>What a rule (or the whole decision) says about a subject, from least to most severe.</summary>
public enum VerdictKind
{
    /// <summary>Allowed, nothing to report.</summary>
    Pass,

    /// <summary>Allowed, but reportable: the flag feeds the regulatory reports (large-value, suspicious).</summary>
    Flag,

    /// <summary>Refused.</summary>
    Reject,
}
