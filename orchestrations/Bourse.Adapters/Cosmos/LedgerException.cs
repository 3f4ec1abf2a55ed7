namespace Bourse.Adapters.Cosmos;

/// <summary>A ledger call failed; <see cref="Reason"/> says why and <see cref="IsTransient"/> whether retrying the same call may succeed.</summary>
/// <remarks>Every ledger call is idempotent, so retrying after any failure is safe.</remarks>
public sealed class LedgerException : Exception
{
    public LedgerException(LedgerFailureReason reason, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        Reason = reason;
    }

    public LedgerFailureReason Reason { get; }

    /// <summary>Service trouble and contention pass; a conflicting duplicate or a corrupt document do not.</summary>
    public bool IsTransient => Reason is LedgerFailureReason.ServiceUnavailable or LedgerFailureReason.Contention;
}
