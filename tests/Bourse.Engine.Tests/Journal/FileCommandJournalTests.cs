using Bourse.Engine.Journal;
using Bourse.Engine.Matching;

namespace Bourse.Engine.Tests.Journal;

public sealed class FileCommandJournalTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    /// <remarks>
    /// Fsync costs 0.3–2.5 ms on the build machine, so the fsyncing policies flush in batches of 1,000 (100 fsyncs),
    /// and <see cref="JournalFlushPolicy.EveryCommand"/>, which fsyncs every record, writes 500 records, not 100,000.
    /// </remarks>
    [Theory]
    [InlineData(JournalFlushPolicy.None, 100_000)]
    [InlineData(JournalFlushPolicy.Interval, 100_000)]
    [InlineData(JournalFlushPolicy.EveryBatch, 100_000)]
    [InlineData(JournalFlushPolicy.EveryCommand, 500)]
    public void Appended_commands_read_back_equal_and_in_order(JournalFlushPolicy policy, int count)
    {
        var commands = JournalTestData.ArbitraryCommands(seed: (int)policy, count);
        using (var journal = FileCommandJournal.Open(_temp.Path, new FileCommandJournalOptions { FlushPolicy = policy }))
        {
            for (var i = 0; i < commands.Length; i++)
            {
                journal.Append(i + 1, commands[i]);
                if ((i + 1) % 1_000 == 0)
                {
                    journal.Flush();
                }
            }

            journal.Flush();
            Assert.Equal(count, journal.LastSequence);
        }

        using var reader = CommandJournalReader.OpenDirectory(_temp.Path);
        var records = JournalTestData.ReadAll(reader);

        Assert.Equal(count, records.Count);
        for (var i = 0; i < records.Count; i++)
        {
            Assert.Equal(i + 1, records[i].Sequence);
            Assert.Equal(commands[i], records[i].Command);
        }

        Assert.False(reader.TornTailDetected);
        Assert.Equal(count * 64L, new FileInfo(_temp.Combine(JournalFiles.FileName(1))).Length);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(64 * 1_024)]
    public void Appending_allocates_nothing_after_warm_up(long preallocation)
    {
        var commands = JournalTestData.ArbitraryCommands(seed: 9, 1_000);
        using var journal = FileCommandJournal.Open(_temp.Path, new FileCommandJournalOptions { FlushPolicy = JournalFlushPolicy.None, PreallocationSize = preallocation });
        long sequence = 0;
        for (var i = 0; i < 10_000; i++)
        {
            journal.Append(++sequence, commands[i % commands.Length]);
        }

        journal.Flush();

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 100_000; i++)
        {
            journal.Append(++sequence, commands[i % commands.Length]);
            if (i % 1_000 == 999)
            {
                journal.Flush();
            }
        }

        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(0, allocated);
        Assert.Equal(110_000, journal.LastSequence);
    }

    [Fact]
    public void Zeros_are_written_ahead_of_the_records_within_the_segment_and_reopening_continues_after_the_last_record()
    {
        var commands = JournalTestData.ArbitraryCommands(seed: 11, 700);
        var options = new FileCommandJournalOptions { FlushPolicy = JournalFlushPolicy.EveryBatch, SegmentSize = 500 * 64, BufferSize = 10 * 64, PreallocationSize = 128 * 64 };
        var first = _temp.Combine(JournalFiles.FileName(1));
        using (var journal = FileCommandJournal.Open(_temp.Path, options))
        {
            for (var i = 0; i < 15; i++)
            {
                journal.Append(i + 1, commands[i]);
            }

            journal.Flush();

            // 15 records, then zeros up to 128 records beyond the write that passed the zeroed end (the first, of 10).
            Assert.Equal((10 + 128) * 64, new FileInfo(first).Length);
            Assert.Equal(15, journal.DurableSequence);
        }

        using (var reader = CommandJournalReader.OpenDirectory(_temp.Path))
        {
            Assert.Equal(commands[..15], JournalTestData.ReadAll(reader).Select(r => r.Command));
            Assert.False(reader.TornTailDetected);
        }

        // Reopened: the records continue after the 15th, over the zeros; zeros never go beyond the segment.
        using (var journal = FileCommandJournal.Open(_temp.Path, options))
        {
            Assert.Equal(15, journal.LastSequence);
            for (var i = 15; i < commands.Length; i++)
            {
                journal.Append(i + 1, commands[i]);
            }

            journal.Flush();
        }

        var segments = JournalFiles.List(_temp.Path);
        Assert.Equal([1L, 501], segments.Select(s => s.FirstSequence));
        Assert.Equal(500 * 64, new FileInfo(first).Length);
        // 200 records written 10 at a time: the writes that passed the zeroed end ended at 10 and 140 records.
        Assert.Equal((140 + 128) * 64, new FileInfo(segments[1].Path).Length);
        using var all = CommandJournalReader.OpenDirectory(_temp.Path);
        Assert.Equal(commands, JournalTestData.ReadAll(all).Select(r => r.Command));
    }

    [Fact]
    public void A_segment_left_with_zeros_by_a_larger_segment_size_loses_them_when_the_next_one_starts()
    {
        var commands = JournalTestData.ArbitraryCommands(seed: 12, 300);
        JournalTestData.WriteJournal(_temp.Path, commands[..100], options: new() { FlushPolicy = JournalFlushPolicy.None, PreallocationSize = 1_000 * 64 });
        var first = _temp.Combine(JournalFiles.FileName(1));
        Assert.Equal(1_100 * 64, new FileInfo(first).Length);

        JournalTestData.WriteJournal(_temp.Path, commands[100..], firstSequence: 101, options: new() { FlushPolicy = JournalFlushPolicy.None, SegmentSize = 150 * 64 });

        Assert.Equal(150 * 64, new FileInfo(first).Length);
        Assert.Equal([1L, 151], JournalFiles.List(_temp.Path).Select(s => s.FirstSequence));
        using var reader = CommandJournalReader.OpenDirectory(_temp.Path);
        Assert.Equal(commands, JournalTestData.ReadAll(reader).Select(r => r.Command));
    }

    [Fact]
    public void Sequences_must_be_contiguous_and_an_empty_journal_may_start_anywhere()
    {
        using (var journal = FileCommandJournal.Open(_temp.Path))
        {
            Assert.Equal(0, journal.LastSequence);
            Assert.Null(journal.CurrentFilePath);
            Assert.Throws<ArgumentOutOfRangeException>(() => journal.Append(0, OrderCommand.EndOfSession()));

            journal.Append(1_001, OrderCommand.Cancel(1));
            Assert.Throws<ArgumentOutOfRangeException>(() => journal.Append(1_001, OrderCommand.Cancel(2)));
            Assert.Throws<ArgumentOutOfRangeException>(() => journal.Append(1_003, OrderCommand.Cancel(2)));
            journal.Append(1_002, OrderCommand.Cancel(2));

            Assert.Equal(_temp.Combine("commands-000000001001.journal"), journal.CurrentFilePath);
        }

        using var reopened = FileCommandJournal.Open(_temp.Path);
        Assert.Equal(1_002, reopened.LastSequence);
        Assert.Throws<ArgumentOutOfRangeException>(() => reopened.Append(1, OrderCommand.Cancel(1)));
        reopened.Append(1_003, OrderCommand.Cancel(3));
    }

    [Fact]
    public void Reopening_continues_in_the_last_file()
    {
        var commands = JournalTestData.ArbitraryCommands(seed: 4, 300);
        JournalTestData.WriteJournal(_temp.Path, commands[..100]);
        JournalTestData.WriteJournal(_temp.Path, commands[100..], firstSequence: 101);

        Assert.Single(JournalFiles.List(_temp.Path));
        using var reader = CommandJournalReader.OpenDirectory(_temp.Path);
        Assert.Equal(commands, JournalTestData.ReadAll(reader).Select(r => r.Command));
    }

    [Fact]
    public void Segments_roll_at_the_configured_size_and_are_named_by_their_first_sequence()
    {
        var commands = JournalTestData.ArbitraryCommands(seed: 6, 1_050);
        var options = new FileCommandJournalOptions { FlushPolicy = JournalFlushPolicy.EveryBatch, SegmentSize = 100 * 64, BufferSize = 30 * 64 };
        JournalTestData.WriteJournal(_temp.Path, commands[..520], options: options);
        JournalTestData.WriteJournal(_temp.Path, commands[520..], firstSequence: 521, options: options);

        var segments = JournalFiles.List(_temp.Path);
        Assert.Equal(Enumerable.Range(0, 11).Select(i => (i * 100L) + 1), segments.Select(s => s.FirstSequence));
        Assert.All(segments.SkipLast(1), s => Assert.Equal(6_400, new FileInfo(s.Path).Length));

        using var reader = CommandJournalReader.OpenDirectory(_temp.Path);
        var records = JournalTestData.ReadAll(reader);
        Assert.Equal(commands, records.Select(r => r.Command));
        Assert.Equal(Enumerable.Range(1, 1_050).Select(i => (long)i), records.Select(r => r.Sequence));
    }

    [Fact]
    public void Each_new_files_directory_entry_is_synced_by_the_first_fsync_that_covers_records_in_it()
    {
        var commands = JournalTestData.ArbitraryCommands(seed: 13, 250);
        using (var journal = FileCommandJournal.Open(_temp.Path, new FileCommandJournalOptions { FlushPolicy = JournalFlushPolicy.EveryBatch, SegmentSize = 100 * 64 }))
        {
            journal.Append(1, commands[0]);
            Assert.Equal(0, journal.DirectorySyncs);
            journal.Flush();
            Assert.Equal(1, journal.DirectorySyncs);

            for (var i = 1; i < commands.Length; i++)
            {
                journal.Append(i + 1, commands[i]);
                if (i % 10 == 9)
                {
                    journal.Flush();
                }
            }

            journal.Flush();

            // Three files, one directory fsync each; the flushes in between synced only the files.
            Assert.Equal(3, JournalFiles.List(_temp.Path).Count);
            Assert.Equal(3, journal.DirectorySyncs);
        }

        using var none = FileCommandJournal.Open(_temp.Combine("none"), new FileCommandJournalOptions { FlushPolicy = JournalFlushPolicy.None });
        none.Append(1, commands[0]);
        none.Flush();
        Assert.Equal(0, none.DirectorySyncs);
        none.FlushToDisk();
        Assert.Equal(1, none.DirectorySyncs);
    }

    [Fact]
    public void Every_batch_is_durable_only_after_flush()
    {
        using var journal = FileCommandJournal.Open(_temp.Path, new FileCommandJournalOptions { FlushPolicy = JournalFlushPolicy.EveryBatch });
        journal.Append(1, OrderCommand.Cancel(1));
        journal.Append(2, OrderCommand.Cancel(2));
        Assert.Equal(0, journal.DurableSequence);
        Assert.Equal(0, new FileInfo(journal.CurrentFilePath!).Length);

        journal.Flush();

        Assert.Equal(2, journal.DurableSequence);
        Assert.Equal(128, new FileInfo(journal.CurrentFilePath!).Length);
    }

    [Fact]
    public void Group_commit_writes_without_syncing_and_commits_what_was_written()
    {
        using var journal = FileCommandJournal.Open(_temp.Path, new FileCommandJournalOptions { FlushPolicy = JournalFlushPolicy.EveryBatch });
        journal.Append(1, OrderCommand.Cancel(1));
        journal.Append(2, OrderCommand.Cancel(2));

        Assert.Equal(2, journal.WriteBuffered());
        Assert.Equal(128, new FileInfo(journal.CurrentFilePath!).Length);
        Assert.Equal(0, journal.DurableSequence);

        journal.Append(3, OrderCommand.Cancel(3));
        Assert.Equal(2, journal.CommitWritten());
        Assert.Equal(2, journal.DurableSequence);
    }

    [Theory]
    [InlineData(JournalFlushPolicy.None, 0)]
    [InlineData(JournalFlushPolicy.Interval, 0)]
    [InlineData(JournalFlushPolicy.EveryBatch, 1)]
    public void Commit_applies_the_flush_policy(JournalFlushPolicy policy, long durableAfterCommit)
    {
        var clock = new ManualTimeProvider();
        using var journal = FileCommandJournal.Open(_temp.Path, new FileCommandJournalOptions { FlushPolicy = policy, TimeProvider = clock });
        journal.Append(1, OrderCommand.Cancel(1));
        journal.WriteBuffered();

        journal.CommitWritten();

        Assert.Equal(durableAfterCommit, journal.DurableSequence);
    }

    /// <summary>
    /// The shard's two threads: one appends and writes batches (rolling segments on the way), the other commits
    /// concurrently. A commit must cover every batch written before it, and everything must read back.
    /// </summary>
    [Fact]
    public void Committing_on_another_thread_while_appending_and_rolling_segments_loses_nothing()
    {
        var commands = JournalTestData.ArbitraryCommands(seed: 11, 20_000);
        var options = new FileCommandJournalOptions { FlushPolicy = JournalFlushPolicy.EveryBatch, SegmentSize = 1_000 * 64, BufferSize = 64 * 64 };
        long written = 0;
        var violations = 0;
        using (var journal = FileCommandJournal.Open(_temp.Path, options))
        {
            using var done = new ManualResetEventSlim();
            var committer = new Thread(() =>
            {
                while (!done.IsSet)
                {
                    var before = Volatile.Read(ref written);
                    var durable = journal.CommitWritten();
                    // At least what was handed over before the commit; possibly more (a full buffer is written mid-batch).
                    if (durable < before || durable > commands.Length)
                    {
                        Interlocked.Increment(ref violations);
                    }
                }
            });
            committer.Start();
            for (var i = 0; i < commands.Length; i++)
            {
                journal.Append(i + 1, commands[i]);
                if ((i + 1) % 37 == 0)
                {
                    Volatile.Write(ref written, journal.WriteBuffered());
                }
            }

            Volatile.Write(ref written, journal.WriteBuffered());
            done.Set();
            committer.Join();
            Assert.Equal(commands.Length, journal.CommitWritten());
        }

        Assert.Equal(0, violations);
        Assert.Equal(20, JournalFiles.List(_temp.Path).Count);
        using var reader = CommandJournalReader.OpenDirectory(_temp.Path);
        Assert.Equal(commands, JournalTestData.ReadAll(reader).Select(r => r.Command));
    }

    [Fact]
    public void Every_command_is_durable_when_append_returns()
    {
        using var journal = FileCommandJournal.Open(_temp.Path, new FileCommandJournalOptions { FlushPolicy = JournalFlushPolicy.EveryCommand });
        journal.Append(1, OrderCommand.Cancel(1));
        Assert.Equal(1, journal.DurableSequence);
        Assert.Equal(64, new FileInfo(journal.CurrentFilePath!).Length);
    }

    [Fact]
    public void None_writes_at_flush_and_syncs_only_when_asked()
    {
        using var journal = FileCommandJournal.Open(_temp.Path, new FileCommandJournalOptions { FlushPolicy = JournalFlushPolicy.None });
        journal.Append(1, OrderCommand.Cancel(1));
        journal.Flush();
        Assert.Equal(64, new FileInfo(journal.CurrentFilePath!).Length);
        Assert.Equal(0, journal.DurableSequence);

        journal.FlushToDisk();
        Assert.Equal(1, journal.DurableSequence);
    }

    [Fact]
    public void A_full_buffer_goes_to_the_os_without_a_flush()
    {
        using var journal = FileCommandJournal.Open(_temp.Path, new FileCommandJournalOptions { FlushPolicy = JournalFlushPolicy.EveryBatch, BufferSize = 4 * 64 });
        for (var i = 1; i <= 5; i++)
        {
            journal.Append(i, OrderCommand.Cancel(i));
        }

        Assert.Equal(4 * 64, new FileInfo(journal.CurrentFilePath!).Length);
        Assert.Equal(0, journal.DurableSequence);
    }

    [Fact]
    public void Interval_writes_every_flush_and_syncs_after_the_interval_or_the_record_count()
    {
        var clock = new ManualTimeProvider();
        var options = new FileCommandJournalOptions
        {
            FlushPolicy = JournalFlushPolicy.Interval,
            SyncInterval = TimeSpan.FromMilliseconds(10),
            SyncIntervalRecords = 5,
            TimeProvider = clock,
        };
        using var journal = FileCommandJournal.Open(_temp.Path, options);

        journal.Append(1, OrderCommand.Cancel(1));
        journal.Flush();
        Assert.Equal(64, new FileInfo(journal.CurrentFilePath!).Length);
        Assert.Equal(0, journal.DurableSequence);

        clock.Advance(TimeSpan.FromMilliseconds(9));
        journal.Flush();
        Assert.Equal(0, journal.DurableSequence);

        clock.Advance(TimeSpan.FromMilliseconds(1));
        journal.Flush();
        Assert.Equal(1, journal.DurableSequence);

        for (var i = 2; i <= 5; i++)
        {
            journal.Append(i, OrderCommand.Cancel(i));
        }

        journal.Flush();
        Assert.Equal(1, journal.DurableSequence);

        journal.Append(6, OrderCommand.Cancel(6));
        journal.Flush();
        Assert.Equal(6, journal.DurableSequence);
    }

    [Fact]
    public void A_disposed_journal_refuses_appends()
    {
        var journal = FileCommandJournal.Open(_temp.Path);
        journal.Append(1, OrderCommand.Cancel(1));
        journal.Dispose();
        journal.Dispose();

        Assert.Throws<ObjectDisposedException>(() => journal.Append(2, OrderCommand.Cancel(2)));
        Assert.Throws<ObjectDisposedException>(journal.Flush);
        Assert.Equal(64, new FileInfo(_temp.Combine(JournalFiles.FileName(1))).Length);
    }
}
