namespace Bourse.Adapters.Cosmos;

/// <summary>The state of an entry document.</summary>
public enum LedgerEntryStatus
{
    /// <summary>Recorded; applied to some of its accounts (listed), possibly none.</summary>
    Pending = 0,

    /// <summary>Applied to all of its accounts.</summary>
    Complete = 1,

    /// <summary>Refused at its first account; applied nowhere.</summary>
    Refused = 2,
}
