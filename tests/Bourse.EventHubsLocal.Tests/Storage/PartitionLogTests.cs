using System.Text;
using Bourse.EventHubsLocal.Storage;
using Bourse.EventHubsLocal.Tests.Support;

namespace Bourse.EventHubsLocal.Tests.Storage;

public sealed class PartitionLogTests : IDisposable
{
    private readonly TempDirectory _directory = new();
    private readonly ManualTimeProvider _clock = new(DateTimeOffset.FromUnixTimeMilliseconds(1_700_000_000_000));

    public void Dispose() => _directory.Dispose();

    [Fact]
    public void Appends_number_events_from_zero_with_offsets_at_their_record_positions()
    {
        using var log = Open();

        var first = Append(log, "a", "bb");
        var second = Append(log, "ccc");

        Assert.Equal([0L, 1L, 2L], first.Concat(second).Select(s => s.SequenceNumber));
        Assert.Equal(0, first[0].Offset);
        Assert.Equal(LogRecord.HeaderSize + 1, first[1].Offset);
        Assert.Equal(2 * LogRecord.HeaderSize + 3, second[0].Offset);
        Assert.Equal(["a", "bb", "ccc"], log.Read(0, 10, int.MaxValue).Select(Body));
        Assert.Equal(new PartitionState(3, 2, second[0].Offset, _clock.GetUtcNow()), log.GetState());
    }

    [Fact]
    public void An_empty_partition_reports_minus_one_and_reads_nothing()
    {
        using var log = Open();

        Assert.True(log.GetState().IsEmpty);
        Assert.Equal(-1, log.GetState().LastSequenceNumber);
        Assert.Equal(-1, log.GetState().LastOffset);
        Assert.Empty(log.Read(0, 10, int.MaxValue));
    }

    [Fact]
    public void Reads_stop_at_the_count_or_the_byte_budget_but_return_at_least_one_event()
    {
        using var log = Open();
        Append(log, "1111", "2222", "3333", "4444");

        Assert.Equal(["2222", "3333"], log.Read(1, 2, int.MaxValue).Select(Body));
        Assert.Equal(["1111", "2222"], log.Read(0, 10, 2 * (LogRecord.HeaderSize + 4)).Select(Body));
        Assert.Equal(["1111"], log.Read(0, 10, 1).Select(Body));
        Assert.Empty(log.Read(4, 10, int.MaxValue));
    }

    [Fact]
    public void Enqueued_times_never_go_backwards()
    {
        using var log = Open();
        var first = Append(log, "a");
        _clock.Advance(TimeSpan.FromSeconds(-5));

        var second = Append(log, "b");

        Assert.Equal(first[0].EnqueuedTime, second[0].EnqueuedTime);
    }

    [Fact]
    public void Positions_resolve_to_the_first_sequence_number_at_or_after_them()
    {
        using var log = Open();
        var stamps = Append(log, "a", "b");
        _clock.Advance(TimeSpan.FromSeconds(1));
        stamps = [.. stamps, .. Append(log, "c")];
        var t0 = stamps[0].EnqueuedTime.ToUnixTimeMilliseconds();

        Assert.Equal(0, log.Resolve(StartPosition.Earliest));
        Assert.Equal(3, log.Resolve(StartPosition.Latest));
        Assert.Equal(1, log.Resolve(new StartPosition(StartPositionKind.Offset, stamps[1].Offset, IsInclusive: true)));
        Assert.Equal(2, log.Resolve(new StartPosition(StartPositionKind.Offset, stamps[1].Offset, IsInclusive: false)));
        Assert.Equal(1, log.Resolve(new StartPosition(StartPositionKind.Offset, stamps[0].Offset + 1, IsInclusive: true)));
        Assert.Equal(2, log.Resolve(new StartPosition(StartPositionKind.SequenceNumber, 2, IsInclusive: true)));
        Assert.Equal(3, log.Resolve(new StartPosition(StartPositionKind.SequenceNumber, 2, IsInclusive: false)));
        Assert.Equal(3, log.Resolve(new StartPosition(StartPositionKind.SequenceNumber, 99, IsInclusive: true)));
        Assert.Equal(0, log.Resolve(new StartPosition(StartPositionKind.SequenceNumber, -5, IsInclusive: true)));
        Assert.Equal(2, log.Resolve(new StartPosition(StartPositionKind.EnqueuedTime, t0, IsInclusive: false)));
        Assert.Equal(0, log.Resolve(new StartPosition(StartPositionKind.EnqueuedTime, t0 - 1, IsInclusive: false)));
    }

    [Fact]
    public void Reopening_restores_every_event_and_appends_continue_the_numbering()
    {
        IReadOnlyList<EventStamp> before;
        using (var log = Open())
        {
            before = Append(log, "a", "b", "c");
        }

        using var reopened = Open();
        var next = Append(reopened, "d");

        Assert.Equal(before, reopened.Read(0, 3, int.MaxValue).Select(e => e.Stamp));
        Assert.Equal(new EventStamp(3, before[2].Offset + LogRecord.HeaderSize + 1, _clock.GetUtcNow()), next[0]);
    }

    [Fact]
    public void A_torn_record_at_the_tail_is_cut_and_the_next_append_takes_its_place()
    {
        using (var log = Open())
        {
            Append(log, "a", "b");
        }

        // A crash in the middle of writing the second record: half of it reached the file.
        var logFile = _directory.Combine("events.log");
        var length = new FileInfo(logFile).Length;
        using (var file = File.OpenWrite(logFile))
        {
            file.SetLength(length - 10);
        }

        using var reopened = Open();
        var next = Append(reopened, "c");

        Assert.Equal(["a", "c"], reopened.Read(0, 10, int.MaxValue).Select(Body));
        Assert.Equal(1, next[0].SequenceNumber);
        Assert.Equal(LogRecord.HeaderSize + 1, next[0].Offset);
    }

    [Fact]
    public void A_damaged_last_record_is_cut_on_open()
    {
        using (var log = Open())
        {
            Append(log, "aaaa", "bbbb");
        }

        var logFile = _directory.Combine("events.log");
        var bytes = File.ReadAllBytes(logFile);
        bytes[^1] ^= 0xFF;
        File.WriteAllBytes(logFile, bytes);

        using var reopened = Open();

        Assert.Equal(["aaaa"], reopened.Read(0, 10, int.MaxValue).Select(Body));
        Assert.Equal(LogRecord.HeaderSize + 4, new FileInfo(logFile).Length);
    }

    [Fact]
    public void A_damaged_record_inside_the_log_fails_its_read_instead_of_serving_garbage()
    {
        // Open verifies the tail only (what a crash can tear); damage further in is found when the record is read.
        using (var log = Open())
        {
            Append(log, "aaaa", "bbbb", "cccc");
        }

        var logFile = _directory.Combine("events.log");
        var bytes = File.ReadAllBytes(logFile);
        bytes[LogRecord.HeaderSize + 4 + LogRecord.HeaderSize + 1] ^= 0xFF; // inside the second message
        File.WriteAllBytes(logFile, bytes);

        using var reopened = Open();

        Assert.Equal(["aaaa"], reopened.Read(0, 1, int.MaxValue).Select(Body));
        Assert.Throws<InvalidDataException>(() => reopened.Read(0, 10, int.MaxValue));
        Assert.Equal(["cccc"], reopened.Read(2, 10, int.MaxValue).Select(Body));
    }

    [Fact]
    public void Records_the_index_missed_are_indexed_again_and_a_lost_index_is_rebuilt()
    {
        using (var log = Open())
        {
            Append(log, "a", "b", "c");
        }

        // A crash between the log write and the index write: the index lacks the last entry.
        var indexFile = _directory.Combine("events.idx");
        using (var file = File.OpenWrite(indexFile))
        {
            file.SetLength(2 * LogRecord.IndexEntrySize);
        }

        using (var reopened = Open())
        {
            Assert.Equal(["a", "b", "c"], reopened.Read(0, 10, int.MaxValue).Select(Body));
        }

        Assert.Equal(3 * LogRecord.IndexEntrySize, new FileInfo(indexFile).Length);
        File.Delete(indexFile);
        using var rebuilt = Open();
        Assert.Equal(["a", "b", "c"], rebuilt.Read(0, 10, int.MaxValue).Select(Body));
        Assert.Equal(2, rebuilt.Resolve(new StartPosition(StartPositionKind.SequenceNumber, 2, IsInclusive: true)));
    }

    [Fact]
    public async Task An_append_wakes_a_registered_listener()
    {
        using var log = Open();
        var signal = new AsyncSignal();
        log.AddListener(signal);
        var waiting = signal.WaitAsync();
        Assert.False(waiting.IsCompleted);

        Append(log, "a");

        await waiting.WaitAsync(TimeSpan.FromSeconds(5));
        log.RemoveListener(signal);
        Append(log, "b");
        Assert.False(signal.WaitAsync().IsCompleted);
    }

    private PartitionLog Open() => PartitionLog.Open(_directory.Path, "0", _clock, flushToDisk: false);

    private static IReadOnlyList<EventStamp> Append(PartitionLog log, params string[] bodies) =>
        log.Append(bodies, (body, _) => Encoding.UTF8.GetBytes(body));

    private static string Body(StoredEvent e) => Encoding.UTF8.GetString(e.Message);
}
