using Bourse.Engine.Matching;
using Microsoft.Win32.SafeHandles;

namespace Bourse.Engine.Journal;

/// <summary>
/// Reads journal records in sequence order from one file or from every segment of a directory, verifying each
/// record's checksum and that sequences are contiguous (within and across files, and against file names).
/// </summary>
/// <remarks>
/// <para>
/// A damaged tail is expected after a crash: the last file ends mid-record, or its last record(s) fail their
/// checksum, and no valid record follows. The reader stops before it, reports it (<see cref="TornTailDetected"/>,
/// <see cref="TornTailFilePath"/>, <see cref="TornTailOffset"/>) and drops it. Damage followed by valid records
/// is a <see cref="JournalCorruptedException"/>: nothing is skipped silently.
/// </para>
/// <para>
/// A file may end in zeros that the writer wrote ahead of its records
/// (<see cref="FileCommandJournalOptions.PreallocationSize"/>): an all-zero slot with nothing but zeros after it in
/// the file is the end of that file's records, not damage. In the last file, a zero slot followed by valid records is
/// a torn tail too, and they are dropped with it: what a power loss leaves when the file's blocks were allocated ahead
/// and the OS had written some later pages of records, not yet fsynced, but not an earlier one. Everything up to the
/// last fsync is on disk, so the records after such a hole were never durable, and under an fsync per batch none of
/// them was acknowledged. In an earlier file it is corruption.
/// </para>
/// <para>
/// Single-threaded. Read a journal that no writer is appending to (at recovery, before the writer opens it): each
/// file's length is taken when the reader reaches it. Reads in 64 KiB chunks; memory does not grow with the journal.
/// </para>
/// </remarks>
public sealed class CommandJournalReader : IDisposable
{
    private const int ChunkSize = 64 * 1024;

    private readonly IReadOnlyList<JournalSegment> _segments;
    private readonly long _afterSequence;
    private readonly byte[] _chunk = new byte[ChunkSize];
    private int _segmentIndex;
    private SafeFileHandle? _handle;
    private long _fileLength;
    private long _chunkOffset;
    private int _chunkLength;
    private long _offset;
    private long _expectedNext;
    private long _recordsEnd;
    private bool _finished;

    private CommandJournalReader(IReadOnlyList<JournalSegment> segments, int firstSegment, long afterSequence)
    {
        _segments = segments;
        _segmentIndex = firstSegment - 1;
        _afterSequence = afterSequence;
    }

    /// <summary>
    /// Reads every segment of <paramref name="directory"/> (none if it does not exist), returning only records after
    /// <paramref name="afterSequence"/>. Segments that end before it are not opened; earlier records in the first
    /// opened segment are verified and skipped.
    /// </summary>
    public static CommandJournalReader OpenDirectory(string directory, long afterSequence = 0)
    {
        ArgumentNullException.ThrowIfNull(directory);
        ArgumentOutOfRangeException.ThrowIfNegative(afterSequence);
        var segments = JournalFiles.List(directory);
        var first = 0;
        for (var i = 1; i < segments.Count && segments[i].FirstSequence <= afterSequence + 1; i++)
        {
            first = i;
        }

        return new CommandJournalReader(segments, first, afterSequence);
    }

    /// <summary>Reads one journal file. If its name is a segment name, its first record must match it.</summary>
    public static CommandJournalReader OpenFile(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException("Journal file not found.", path);
        }

        var first = JournalFiles.TryParseFileName(Path.GetFileName(path), out var named) ? named : 0;
        return new CommandJournalReader([new JournalSegment(path, first)], 0, 0);
    }

    /// <summary>The sequence of the last valid record read (including skipped ones); 0 before the first.</summary>
    public long LastSequence { get; private set; }

    /// <summary>The number of records returned by <see cref="TryRead"/>.</summary>
    public long RecordsRead { get; private set; }

    /// <summary>True once the reader has stopped at a damaged tail (valid after <see cref="TryRead"/> returned false).</summary>
    public bool TornTailDetected { get; private set; }

    /// <summary>The file that holds the torn tail, or null.</summary>
    public string? TornTailFilePath { get; private set; }

    /// <summary>The byte offset in <see cref="TornTailFilePath"/> where the torn tail starts (where the last good record ends); -1 if none.</summary>
    public long TornTailOffset { get; private set; } = -1;

    /// <summary>The number of bytes dropped: the rest of that file and of any (record-less) files after it.</summary>
    public long TornTailLength { get; private set; }

    /// <summary>The segments this reader covers, in order.</summary>
    internal IReadOnlyList<JournalSegment> Segments => _segments;

    /// <summary>
    /// The sequence the next record appended to this journal must have: the last record's plus one, or the last
    /// file's first sequence if it is empty; 0 if there is no file. Final once <see cref="TryRead"/> returned false.
    /// </summary>
    internal long ExpectedNextSequence => _expectedNext;

    /// <summary>
    /// Where the records of the last file read end: its length, or where its zero tail starts. Final once
    /// <see cref="TryRead"/> returned false without a torn tail.
    /// </summary>
    internal long LastRecordsEnd => _recordsEnd;

    /// <summary>The file being read and the offset of the next record, for error messages.</summary>
    internal string CurrentFilePath => _segmentIndex >= 0 && _segmentIndex < _segments.Count ? _segments[_segmentIndex].Path : string.Empty;

    internal long CurrentOffset => _offset;

    /// <summary>Reads the next record.</summary>
    /// <returns>False at the end of the journal, or at a torn tail (see <see cref="TornTailDetected"/>).</returns>
    /// <exception cref="JournalCorruptedException">Damage followed by valid records, or a sequence gap.</exception>
    public bool TryRead(out long commandSequence, out OrderCommand command)
    {
        while (!_finished)
        {
            if (_handle is null)
            {
                if (!OpenNextSegment())
                {
                    _finished = true;
                    break;
                }

                continue;
            }

            if (_offset >= _fileLength)
            {
                CloseSegment();
                continue;
            }

            var slot = CurrentSlot();
            var defect = JournalRecord.TryRead(slot, out commandSequence, out command);
            if (defect != JournalRecord.Defect.None)
            {
                var zeroSlot = !slot.ContainsAnyExcept((byte)0);
                if (zeroSlot && IsZeroFrom(_offset + slot.Length))
                {
                    // Zeros written ahead: this file's records end here.
                    CloseSegment();
                    continue;
                }

                OnDamage(defect, zeroSlot);
                continue;
            }

            if (_expectedNext != 0 && commandSequence != _expectedNext)
            {
                throw new JournalCorruptedException(
                    JournalCorruptionReason.SequenceGap,
                    CurrentFilePath,
                    _offset,
                    $"expected sequence {_expectedNext}, found {commandSequence}");
            }

            _expectedNext = commandSequence + 1;
            LastSequence = commandSequence;
            _offset += JournalRecord.Size;
            _recordsEnd = _offset;
            if (commandSequence <= _afterSequence)
            {
                continue;
            }

            RecordsRead++;
            return true;
        }

        commandSequence = 0;
        command = default;
        return false;
    }

    public void Dispose()
    {
        _finished = true;
        CloseSegment();
    }

    private bool OpenNextSegment()
    {
        if (_segmentIndex + 1 >= _segments.Count)
        {
            return false;
        }

        _segmentIndex++;
        var segment = _segments[_segmentIndex];
        if (segment.FirstSequence != 0)
        {
            if (_expectedNext != 0 && segment.FirstSequence != _expectedNext)
            {
                throw new JournalCorruptedException(
                    JournalCorruptionReason.SequenceGap,
                    segment.Path,
                    0,
                    $"the file name says it starts at {segment.FirstSequence}, the previous records end before {_expectedNext}");
            }

            _expectedNext = segment.FirstSequence;
        }

        _handle = OpenForRead(segment.Path);
        _fileLength = RandomAccess.GetLength(_handle);
        _offset = 0;
        _recordsEnd = 0;
        _chunkOffset = 0;
        _chunkLength = 0;
        return true;
    }

    private void CloseSegment()
    {
        _handle?.Dispose();
        _handle = null;
    }

    /// <summary>The bytes of the record at <see cref="_offset"/>: 64, or fewer at the end of the file.</summary>
    private ReadOnlySpan<byte> CurrentSlot()
    {
        if (_offset + JournalRecord.Size > _chunkOffset + _chunkLength)
        {
            _chunkOffset = _offset;
            _chunkLength = ReadFully(_handle!, _chunk, _offset, _fileLength);
        }

        var start = (int)(_offset - _chunkOffset);
        return _chunk.AsSpan(start, Math.Min(JournalRecord.Size, _chunkLength - start));
    }

    private void OnDamage(JournalRecord.Defect defect, bool zeroSlot)
    {
        var path = CurrentFilePath;
        var offset = _offset;
        var holeInLastFile = zeroSlot && _segmentIndex == _segments.Count - 1;
        if (!holeInLastFile && AnyValidRecordAfter(offset + JournalRecord.Size))
        {
            var reason = defect switch
            {
                JournalRecord.Defect.Checksum => JournalCorruptionReason.Checksum,
                JournalRecord.Defect.Format => JournalCorruptionReason.Format,
                _ => JournalCorruptionReason.TruncatedRecord,
            };
            throw new JournalCorruptedException(reason, path, offset, "valid records follow the damaged one");
        }

        var dropped = _fileLength - offset;
        for (var i = _segmentIndex + 1; i < _segments.Count; i++)
        {
            dropped += new FileInfo(_segments[i].Path).Length;
        }

        TornTailDetected = true;
        TornTailFilePath = path;
        TornTailOffset = offset;
        TornTailLength = dropped;
        _finished = true;
        CloseSegment();
    }

    /// <summary>Whether the current file holds nothing but zeros from <paramref name="offset"/> to its end.</summary>
    private bool IsZeroFrom(long offset)
    {
        var scratch = new byte[ChunkSize];
        while (offset < _fileLength)
        {
            var read = ReadFully(_handle!, scratch, offset, _fileLength);
            if (read == 0)
            {
                return true;
            }

            if (scratch.AsSpan(0, read).ContainsAnyExcept((byte)0))
            {
                return false;
            }

            offset += read;
        }

        return true;
    }

    /// <summary>Whether a whole valid record starts at a record boundary at or after <paramref name="offset"/> in this file, or anywhere in a later file.</summary>
    private bool AnyValidRecordAfter(long offset)
    {
        var scratch = new byte[ChunkSize];
        if (AnyValidRecord(_handle!, _fileLength, offset, scratch))
        {
            return true;
        }

        for (var i = _segmentIndex + 1; i < _segments.Count; i++)
        {
            using var handle = OpenForRead(_segments[i].Path);
            if (AnyValidRecord(handle, RandomAccess.GetLength(handle), 0, scratch))
            {
                return true;
            }
        }

        return false;
    }

    private static bool AnyValidRecord(SafeFileHandle handle, long length, long offset, byte[] scratch)
    {
        while (offset + JournalRecord.Size <= length)
        {
            var read = ReadFully(handle, scratch, offset, length);
            if (read < JournalRecord.Size)
            {
                return false;
            }

            for (var at = 0; at + JournalRecord.Size <= read; at += JournalRecord.Size)
            {
                if (JournalRecord.TryRead(scratch.AsSpan(at, JournalRecord.Size), out _, out _) == JournalRecord.Defect.None)
                {
                    return true;
                }
            }

            offset += read - (read % JournalRecord.Size);
        }

        return false;
    }

    private static int ReadFully(SafeFileHandle handle, byte[] buffer, long offset, long length)
    {
        var wanted = (int)Math.Min(buffer.Length, length - offset);
        var total = 0;
        while (total < wanted)
        {
            var read = RandomAccess.Read(handle, buffer.AsSpan(total, wanted - total), offset + total);
            if (read == 0)
            {
                break;
            }

            total += read;
        }

        return total;
    }

    private static SafeFileHandle OpenForRead(string path) =>
        File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, FileOptions.SequentialScan);
}
