using System.Globalization;
using Bourse.Engine.Matching;

namespace Bourse.EngineHost.Publishing;

/// <summary>One instrument an <see cref="EventHubsPublisher"/> publishes: its key, its journal and how to rebuild its book.</summary>
internal sealed class PublisherInstrument
{
    /// <param name="spec">The instrument's rules: a replayed book must match under the same rules as the live one.</param>
    /// <param name="journalDirectory">The book's journal directory; the <see cref="PublishCheckpoint"/> lives there.</param>
    /// <param name="snapshotDirectory">The book's snapshot directory, or null (gaps then replay from command 1).</param>
    /// <param name="partitionKey">The partition key and <c>bourse-instrument</c> value. The default value is the id in invariant digits.</param>
    public PublisherInstrument(InstrumentSpec spec, string journalDirectory, string? snapshotDirectory, string? partitionKey = null)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentException.ThrowIfNullOrEmpty(journalDirectory);
        Spec = spec;
        JournalDirectory = journalDirectory;
        SnapshotDirectory = snapshotDirectory;
        PartitionKey = partitionKey ?? spec.InstrumentId.ToString(CultureInfo.InvariantCulture);
        ArgumentException.ThrowIfNullOrEmpty(PartitionKey, nameof(partitionKey));
    }

    public InstrumentSpec Spec { get; }

    public int InstrumentId => Spec.InstrumentId;

    public string JournalDirectory { get; }

    public string? SnapshotDirectory { get; }

    public string PartitionKey { get; }

    /// <summary>The instrument as a shard lays it out: <c>&lt;root&gt;/&lt;id&gt;/journal</c> and <c>&lt;root&gt;/&lt;id&gt;/snapshots</c> (see <c>ShardInstrument</c>).</summary>
    public static PublisherInstrument InShardLayout(InstrumentSpec spec, string journalRoot, string? partitionKey = null)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var root = Path.Combine(journalRoot, spec.InstrumentId.ToString(CultureInfo.InvariantCulture));
        return new PublisherInstrument(spec, Path.Combine(root, "journal"), Path.Combine(root, "snapshots"), partitionKey);
    }

    /// <summary>A replay for this instrument's journal with an <see cref="OrderBook"/> under <see cref="Spec"/>.</summary>
    public JournalEventReplay CreateReplay() => new(JournalDirectory, SnapshotDirectory, events => new OrderBook(Spec, events));
}
