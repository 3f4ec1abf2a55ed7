using System.Globalization;
using Bourse.Domain.Ledger;

namespace Bourse.Adapters.Cosmos;

/// <summary>
/// Partition keys of entry documents, each computed from the request alone so that every delivery of one event reads and
/// writes the same partition: a fill's is its instrument and the UTC day it executed (<c>fill:XSHG:600000:2026-03-02</c>:
/// executions by instrument and day, as the architecture says); a hold's and a release's is the order
/// (<c>order:o-1</c>: the release finds its hold by a point read); a transfer's is its reference.
/// Account documents are partitioned by account id.
/// </summary>
public static class LedgerPartitionKeys
{
    public static string ForFill(Fill fill)
    {
        ArgumentNullException.ThrowIfNull(fill);
        return $"fill:{fill.InstrumentId}:{fill.ExecutedAt.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}";
    }

    public static string ForOrder(string orderId) => $"order:{orderId}";

    public static string ForTransfer(string reference) => $"transfer:{reference}";

    /// <summary>An entry built by the caller (<see cref="CosmosLedger.PostAsync"/>): a partition of its own.</summary>
    public static string ForPosted(string entryId) => $"posted:{entryId}";
}
