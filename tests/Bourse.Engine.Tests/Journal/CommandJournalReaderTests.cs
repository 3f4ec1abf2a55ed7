using Bourse.Engine.Journal;
using Bourse.Engine.Matching;

namespace Bourse.Engine.Tests.Journal;

public sealed class CommandJournalReaderTests : IDisposable
{
    private const int Count = 1_000;
    private const long LastRecordOffset = (Count - 1) * 64L;

    private readonly TempDirectory _temp = new();
    private readonly OrderCommand[] _commands = JournalTestData.ArbitraryCommands(seed: 21, Count + 1);

    public void Dispose() => _temp.Dispose();

    private byte[] WholeJournal()
    {
        var directory = _temp.Combine("whole");
        JournalTestData.WriteJournal(directory, _commands[..Count]);
        return File.ReadAllBytes(Path.Combine(directory, JournalFiles.FileName(1)));
    }

    private string JournalWith(string name, ReadOnlySpan<byte> bytes)
    {
        var directory = _temp.Combine(name);
        Directory.CreateDirectory(directory);
        File.WriteAllBytes(Path.Combine(directory, JournalFiles.FileName(1)), bytes.ToArray());
        return directory;
    }

    [Fact]
    public void A_file_cut_inside_its_last_record_loses_only_that_record_and_the_writer_truncates_it()
    {
        var whole = WholeJournal();
        for (var cut = (int)LastRecordOffset + 1; cut < whole.Length; cut++)
        {
            var directory = JournalWith("cut-" + cut, whole.AsSpan(0, cut));
            AssertTornTailDropped(directory, expectedDroppedBytes: cut - LastRecordOffset);

            // Reopening fsyncs twice (1–5 ms here): repair a sample of the cuts, both ends included.
            if (cut % 8 == 1 || cut == whole.Length - 1)
            {
                AssertWriterTruncatesAndContinues(directory);
            }
        }
    }

    [Fact]
    public void A_last_record_with_a_bad_checksum_is_a_torn_tail()
    {
        var bytes = WholeJournal();
        bytes[LastRecordOffset + 20] ^= 0x40;
        AssertTornTailDroppedAndRepaired(JournalWith("crc", bytes), expectedDroppedBytes: 64);
    }

    [Fact]
    public void Zeros_after_the_last_good_record_end_the_records_and_the_writer_continues_over_them()
    {
        // What a writer that zeros ahead leaves (FileCommandJournalOptions.PreallocationSize), and what some file
        // systems show after a crash (the length grew, the data never arrived): either way nothing after is a record.
        var bytes = WholeJournal();
        Array.Clear(bytes, (int)LastRecordOffset, 64);
        var padded = bytes.Concat(new byte[4_096 + 17]).ToArray();
        var directory = JournalWith("zeros", padded);
        var file = Path.Combine(directory, JournalFiles.FileName(1));

        using (var reader = CommandJournalReader.OpenDirectory(directory))
        {
            Assert.Equal(_commands[..(Count - 1)], JournalTestData.ReadAll(reader).Select(r => r.Command));
            Assert.False(reader.TornTailDetected);
            Assert.Equal(Count - 1, reader.LastSequence);
        }

        using (var journal = FileCommandJournal.Open(directory, new FileCommandJournalOptions { FlushPolicy = JournalFlushPolicy.None }))
        {
            Assert.False(journal.TruncatedTornTail);
            Assert.Equal(Count - 1, journal.LastSequence);
            journal.Append(Count, _commands[Count]);
        }

        // Written over the zeros, not after them: the file keeps its length.
        Assert.Equal(padded.Length, new FileInfo(file).Length);
        using var reread = CommandJournalReader.OpenDirectory(directory);
        Assert.Equal(Enumerable.Range(1, Count).Select(i => (long)i), JournalTestData.ReadAll(reread).Select(r => r.Sequence));
        Assert.False(reread.TornTailDetected);
    }

    [Fact]
    public void A_torn_record_followed_by_zeros_is_a_torn_tail()
    {
        var bytes = WholeJournal();
        Array.Clear(bytes, (int)LastRecordOffset + 10, 54);
        var padded = bytes.Concat(new byte[1_000]).ToArray();
        AssertTornTailDroppedAndRepaired(JournalWith("torn-then-zeros", padded), expectedDroppedBytes: 64 + 1_000);
    }

    [Fact]
    public void Zeros_followed_by_good_records_in_the_last_file_are_a_torn_tail_that_drops_them()
    {
        // A power loss over zeros written ahead: a later page of records reached the disk, an earlier one did not.
        var bytes = WholeJournal();
        Array.Clear(bytes, 500 * 64, 64 * 64);
        var directory = JournalWith("zero-hole", bytes);

        using (var reader = CommandJournalReader.OpenDirectory(directory))
        {
            Assert.Equal(_commands[..500], JournalTestData.ReadAll(reader).Select(r => r.Command));
            Assert.True(reader.TornTailDetected);
            Assert.Equal(500 * 64, reader.TornTailOffset);
            Assert.Equal(bytes.Length - (500 * 64), reader.TornTailLength);
        }

        using (var journal = FileCommandJournal.Open(directory, new FileCommandJournalOptions { FlushPolicy = JournalFlushPolicy.None }))
        {
            Assert.True(journal.TruncatedTornTail);
            Assert.Equal(500, journal.LastSequence);
            journal.Append(501, _commands[Count]);
        }

        using var repaired = CommandJournalReader.OpenDirectory(directory);
        Assert.Equal([.. _commands[..500], _commands[Count]], JournalTestData.ReadAll(repaired).Select(r => r.Command));
        Assert.False(repaired.TornTailDetected);
    }

    [Fact]
    public void Zeros_followed_by_good_records_in_an_earlier_file_are_corruption()
    {
        var directory = _temp.Combine("segments");
        JournalTestData.WriteJournal(directory, _commands[..300], options: new FileCommandJournalOptions { FlushPolicy = JournalFlushPolicy.None, SegmentSize = 100 * 64 });
        var middle = Path.Combine(directory, JournalFiles.FileName(101));
        var bytes = File.ReadAllBytes(middle);
        Array.Clear(bytes, 40 * 64, 64);
        File.WriteAllBytes(middle, bytes);

        using var reader = CommandJournalReader.OpenDirectory(directory);
        var error = Assert.Throws<JournalCorruptedException>(() => JournalTestData.ReadAll(reader));
        Assert.Equal(JournalCorruptionReason.Format, error.Reason);
        Assert.Equal(middle, error.FilePath);
        Assert.Equal(40 * 64, error.Offset);
    }

    [Fact]
    public void Zeros_followed_by_a_stray_byte_are_a_torn_tail_from_the_first_zero()
    {
        var bytes = WholeJournal();
        Array.Clear(bytes, (int)LastRecordOffset, 64);
        var padded = bytes.Concat(new byte[300]).ToArray();
        padded[^7] = 0x5A;
        AssertTornTailDroppedAndRepaired(JournalWith("zeros-then-byte", padded), expectedDroppedBytes: 64 + 300);
    }

    private void AssertTornTailDroppedAndRepaired(string directory, long expectedDroppedBytes)
    {
        AssertTornTailDropped(directory, expectedDroppedBytes);
        AssertWriterTruncatesAndContinues(directory);
    }

    private void AssertTornTailDropped(string directory, long expectedDroppedBytes)
    {
        using (var reader = CommandJournalReader.OpenDirectory(directory))
        {
            var records = JournalTestData.ReadAll(reader);
            Assert.Equal(Count - 1, records.Count);
            Assert.Equal(_commands[..(Count - 1)], records.Select(r => r.Command));
            Assert.True(reader.TornTailDetected);
            Assert.Equal(LastRecordOffset, reader.TornTailOffset);
            Assert.Equal(expectedDroppedBytes, reader.TornTailLength);
            Assert.Equal(Path.Combine(directory, JournalFiles.FileName(1)), reader.TornTailFilePath);
            Assert.Equal(Count - 1, reader.LastSequence);
        }
    }

    private void AssertWriterTruncatesAndContinues(string directory)
    {
        using (var journal = FileCommandJournal.Open(directory, new FileCommandJournalOptions { FlushPolicy = JournalFlushPolicy.None }))
        {
            Assert.True(journal.TruncatedTornTail);
            Assert.Equal(LastRecordOffset, journal.TruncatedTornTailOffset);
            Assert.Equal(Count - 1, journal.LastSequence);
            journal.Append(Count, _commands[Count]);
        }

        using var repaired = CommandJournalReader.OpenDirectory(directory);
        var after = JournalTestData.ReadAll(repaired);
        Assert.False(repaired.TornTailDetected);
        Assert.Equal(Enumerable.Range(1, Count).Select(i => (long)i), after.Select(r => r.Sequence));
        Assert.Equal(_commands[Count], after[^1].Command);
    }

    [Fact]
    public void A_clean_end_is_not_a_torn_tail()
    {
        var whole = WholeJournal();
        using var reader = CommandJournalReader.OpenDirectory(JournalWith("clean", whole.AsSpan(0, (int)LastRecordOffset)));
        Assert.Equal(Count - 1, JournalTestData.ReadAll(reader).Count);
        Assert.False(reader.TornTailDetected);
        Assert.Equal(-1, reader.TornTailOffset);
        Assert.Null(reader.TornTailFilePath);
    }

    [Theory]
    [InlineData(0, 9, JournalCorruptionReason.Checksum)]
    [InlineData(500, 33, JournalCorruptionReason.Checksum)]
    [InlineData(998, 60, JournalCorruptionReason.Checksum)]
    [InlineData(500, 0, JournalCorruptionReason.Format)]
    public void Damage_followed_by_good_records_is_corruption_with_the_offset(int record, int byteInRecord, JournalCorruptionReason reason)
    {
        var bytes = WholeJournal();
        bytes[(record * 64) + byteInRecord] ^= 0x01;
        var directory = JournalWith("mid", bytes);
        var file = Path.Combine(directory, JournalFiles.FileName(1));

        using var reader = CommandJournalReader.OpenDirectory(directory);
        var read = 0;
        var error = Assert.Throws<JournalCorruptedException>(() =>
        {
            while (reader.TryRead(out _, out _))
            {
                read++;
            }
        });

        Assert.Equal(record, read);
        Assert.Equal(record * 64L, error.Offset);
        Assert.Equal(reason, error.Reason);
        Assert.Equal(file, error.FilePath);
        Assert.Contains(file, error.Message, StringComparison.Ordinal);

        var onOpen = Assert.Throws<JournalCorruptedException>(() => FileCommandJournal.Open(directory));
        Assert.Equal(record * 64L, onOpen.Offset);
        Assert.Equal(bytes, File.ReadAllBytes(file));
    }

    [Fact]
    public void A_sequence_gap_is_corruption()
    {
        var bytes = new List<byte>();
        for (var sequence = 1; sequence <= 10; sequence++)
        {
            bytes.AddRange(JournalTestData.Record(sequence, _commands[sequence]));
        }

        bytes.AddRange(JournalTestData.Record(12, _commands[12]));
        using var reader = CommandJournalReader.OpenDirectory(JournalWith("gap", bytes.ToArray()));

        var error = Assert.Throws<JournalCorruptedException>(() => JournalTestData.ReadAll(reader));
        Assert.Equal(JournalCorruptionReason.SequenceGap, error.Reason);
        Assert.Equal(640, error.Offset);
    }

    [Fact]
    public void A_file_whose_first_record_does_not_match_its_name_is_corruption()
    {
        var directory = _temp.Combine("misnamed");
        Directory.CreateDirectory(directory);
        File.WriteAllBytes(Path.Combine(directory, JournalFiles.FileName(5)), JournalTestData.Record(6, _commands[0]));

        using var reader = CommandJournalReader.OpenDirectory(directory);
        Assert.Equal(JournalCorruptionReason.SequenceGap, Assert.Throws<JournalCorruptedException>(() => JournalTestData.ReadAll(reader)).Reason);
    }

    [Fact]
    public void A_missing_segment_is_corruption()
    {
        var directory = _temp.Combine("segments");
        JournalTestData.WriteJournal(directory, _commands[..300], options: new FileCommandJournalOptions { FlushPolicy = JournalFlushPolicy.None, SegmentSize = 100 * 64 });
        File.Delete(Path.Combine(directory, JournalFiles.FileName(101)));

        using var reader = CommandJournalReader.OpenDirectory(directory);
        var error = Assert.Throws<JournalCorruptedException>(() => JournalTestData.ReadAll(reader));
        Assert.Equal(JournalCorruptionReason.SequenceGap, error.Reason);
        Assert.Equal(Path.Combine(directory, JournalFiles.FileName(201)), error.FilePath);
        Assert.Equal(0, error.Offset);
    }

    [Fact]
    public void A_torn_record_in_an_earlier_segment_followed_by_good_segments_is_corruption()
    {
        var directory = _temp.Combine("segments");
        JournalTestData.WriteJournal(directory, _commands[..300], options: new FileCommandJournalOptions { FlushPolicy = JournalFlushPolicy.None, SegmentSize = 100 * 64 });
        var middle = Path.Combine(directory, JournalFiles.FileName(101));
        File.WriteAllBytes(middle, File.ReadAllBytes(middle)[..^10]);

        using var reader = CommandJournalReader.OpenDirectory(directory);
        var error = Assert.Throws<JournalCorruptedException>(() => JournalTestData.ReadAll(reader));
        Assert.Equal(JournalCorruptionReason.TruncatedRecord, error.Reason);
        Assert.Equal(middle, error.FilePath);
        Assert.Equal(99 * 64, error.Offset);
    }

    [Fact]
    public void A_torn_tail_before_record_less_files_drops_them_and_the_writer_deletes_them()
    {
        var directory = _temp.Combine("segments");
        JournalTestData.WriteJournal(directory, _commands[..200], options: new FileCommandJournalOptions { FlushPolicy = JournalFlushPolicy.None, SegmentSize = 100 * 64 });
        var second = Path.Combine(directory, JournalFiles.FileName(101));
        File.WriteAllBytes(second, File.ReadAllBytes(second)[..^1]);
        File.WriteAllBytes(Path.Combine(directory, JournalFiles.FileName(201)), new byte[100]);

        using (var reader = CommandJournalReader.OpenDirectory(directory))
        {
            Assert.Equal(199, JournalTestData.ReadAll(reader).Count);
            Assert.True(reader.TornTailDetected);
            Assert.Equal(second, reader.TornTailFilePath);
            Assert.Equal(99 * 64, reader.TornTailOffset);
            Assert.Equal(63 + 100, reader.TornTailLength);
        }

        using (var journal = FileCommandJournal.Open(directory, new FileCommandJournalOptions { SegmentSize = 100 * 64 }))
        {
            Assert.Equal(199, journal.LastSequence);
            Assert.Equal(second, journal.CurrentFilePath);
            journal.Append(200, _commands[199]);
            journal.Append(201, _commands[200]);
        }

        Assert.Equal([1L, 101, 201], JournalFiles.List(directory).Select(s => s.FirstSequence));
        using var repaired = CommandJournalReader.OpenDirectory(directory);
        Assert.Equal(_commands[..201], JournalTestData.ReadAll(repaired).Select(r => r.Command));
    }

    [Fact]
    public void Reading_after_a_sequence_skips_earlier_segments_and_records()
    {
        var directory = _temp.Combine("segments");
        JournalTestData.WriteJournal(directory, _commands[..1_000], options: new FileCommandJournalOptions { FlushPolicy = JournalFlushPolicy.None, SegmentSize = 100 * 64 });

        // Damage a segment that the reader must not even open.
        var skipped = Path.Combine(directory, JournalFiles.FileName(101));
        File.WriteAllBytes(skipped, new byte[6_400]);

        using var reader = CommandJournalReader.OpenDirectory(directory, afterSequence: 450);
        var records = JournalTestData.ReadAll(reader);

        Assert.Equal(Enumerable.Range(451, 550).Select(i => (long)i), records.Select(r => r.Sequence));
        Assert.Equal(_commands[450..1_000], records.Select(r => r.Command));
        Assert.Equal(550, reader.RecordsRead);
        Assert.Equal(1_000, reader.LastSequence);
    }

    [Fact]
    public void A_missing_or_empty_directory_has_no_records()
    {
        using var missing = CommandJournalReader.OpenDirectory(_temp.Combine("missing"));
        Assert.False(missing.TryRead(out _, out _));
        Assert.False(missing.TornTailDetected);

        using var empty = CommandJournalReader.OpenDirectory(_temp.Path);
        Assert.False(empty.TryRead(out _, out _));
    }

    [Fact]
    public void Reads_a_single_file_by_path()
    {
        var whole = WholeJournal();
        var path = _temp.Combine("renamed.bin");
        File.WriteAllBytes(path, whole);

        using var reader = CommandJournalReader.OpenFile(path);
        Assert.Equal(_commands[..Count], JournalTestData.ReadAll(reader).Select(r => r.Command));
        Assert.Throws<FileNotFoundException>(() => CommandJournalReader.OpenFile(_temp.Combine("nope.journal")));
    }
}
