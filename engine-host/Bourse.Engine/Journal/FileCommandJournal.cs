using System.Diagnostics.CodeAnalysis;
using Bourse.Engine.Matching;
using Microsoft.Win32.SafeHandles;

namespace Bourse.Engine.Journal;

/// <summary>
/// An <see cref="ICommandJournal"/> in append-only binary files of fixed-size, checksummed records (layout in
/// <see cref="JournalRecord"/>), named by their first sequence (<see cref="JournalFiles"/>).
/// </summary>
/// <remarks>
/// <para>
/// <see cref="Append"/> encodes the record into a pre-allocated buffer and allocates nothing; the buffer goes to the
/// OS with one positional write (<see cref="RandomAccess.Write(SafeFileHandle, ReadOnlySpan{byte}, long)"/>) when it
/// fills or at <see cref="Flush"/>, and fsyncs (<see cref="RandomAccess.FlushToDisk"/>) follow the
/// <see cref="JournalFlushPolicy"/>. No FileStream: its own buffer would copy every record twice, and the journal
/// must know exactly which bytes reached the OS.
/// </para>
/// <para>
/// <see cref="Open"/> reads the whole existing journal with <see cref="CommandJournalReader"/>, truncates a torn tail
/// (and deletes record-less files after it) so that new records follow the last good one, and continues in the last
/// file, after its last record (a file may end in zeros written ahead, see
/// <see cref="FileCommandJournalOptions.PreallocationSize"/>). A new file's directory entry is made durable
/// (<see cref="DirectorySync"/>) by the first fsync that covers records in it, before they count as durable.
/// </para>
/// </remarks>
public sealed class FileCommandJournal : ICommandJournal
{
    private static readonly byte[] Zeros = new byte[64 * 1024];

    private readonly string _directory;
    private readonly JournalFlushPolicy _policy;
    private readonly long _segmentSize;
    private readonly TimeProvider _timeProvider;
    private readonly long _syncIntervalTimestampTicks;
    private readonly long _syncIntervalRecords;
    private readonly long _preallocationSize;
    private readonly byte[] _buffer;

    // Held while the file handle is fsynced or replaced, so that a committing thread (CommitWritten) never fsyncs a
    // handle the appending thread is closing at a segment boundary. Uncontended except at a rollover.
    private readonly Lock _syncLock = new();
    private SafeFileHandle? _handle;
    private string? _filePath;
    private long _writtenLength;

    // The file's length: records up to _writtenLength, zeros written ahead after them.
    private long _fileLength;
    private int _buffered;
    private long _lastSequence;
    private long _writtenSequence;
    private long _durableSequence;
    private long _lastSyncTimestamp;

    // A file was created since the directory was last fsynced. Under _syncLock.
    private bool _directoryUnsynced;
    private bool _faulted;
    private bool _disposed;

    private FileCommandJournal(string directory, FileCommandJournalOptions options)
    {
        _directory = directory;
        _policy = options.FlushPolicy;
        _segmentSize = options.SegmentSize;
        _timeProvider = options.TimeProvider;
        _syncIntervalTimestampTicks = (long)(options.SyncInterval.TotalSeconds * options.TimeProvider.TimestampFrequency);
        _syncIntervalRecords = options.SyncIntervalRecords;
        _preallocationSize = options.PreallocationSize;
        _buffer = new byte[options.BufferSize];
        _lastSyncTimestamp = _timeProvider.GetTimestamp();
    }

    /// <summary>
    /// Opens (creating the directory if needed) the journal in <paramref name="directory"/> for appending, after
    /// dropping a torn tail. An empty journal creates its first file at the first <see cref="Append"/>.
    /// </summary>
    /// <exception cref="JournalCorruptedException">The journal is damaged other than at its tail.</exception>
    public static FileCommandJournal Open(string directory, FileCommandJournalOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        options ??= new FileCommandJournalOptions();
        options.Validate();
        Directory.CreateDirectory(directory);

        var journal = new FileCommandJournal(directory, options);
        try
        {
            journal.OpenExisting();
        }
        catch
        {
            journal.Dispose();
            throw;
        }

        return journal;
    }

    public string DirectoryPath => _directory;

    public JournalFlushPolicy FlushPolicy => _policy;

    /// <summary>The file records are appended to; null until the first file exists.</summary>
    public string? CurrentFilePath => _filePath;

    /// <summary>Whether <see cref="Open"/> found and truncated a torn tail.</summary>
    public bool TruncatedTornTail { get; private set; }

    /// <summary>The file and byte offset <see cref="Open"/> truncated at; null and -1 if nothing was truncated.</summary>
    public string? TruncatedTornTailFilePath { get; private set; }

    /// <inheritdoc cref="TruncatedTornTailFilePath"/>
    public long TruncatedTornTailOffset { get; private set; } = -1;

    public long LastSequence => _lastSequence;

    public long DurableSequence => _durableSequence;

    /// <summary>How many times the journal fsynced its directory (once per new file, with the fsync that first covers it).</summary>
    internal int DirectorySyncs { get; private set; }

    /// <inheritdoc/>
    /// <remarks>
    /// Copies the record into the buffer. Under <see cref="JournalFlushPolicy.EveryCommand"/> also writes and
    /// fsyncs it; otherwise the OS sees it when the buffer fills or at <see cref="Flush"/>. Starting a new segment
    /// (every <see cref="FileCommandJournalOptions.SegmentSize"/> bytes) opens a file and allocates.
    /// </remarks>
    public void Append(long commandSequence, in OrderCommand command)
    {
        if (_faulted || _disposed)
        {
            ThrowUnusable();
        }

        if (_filePath is null ? commandSequence <= 0 : commandSequence != _lastSequence + 1)
        {
            ThrowOutOfSequence(commandSequence);
        }

        if (_filePath is null || _writtenLength + _buffered + JournalRecord.Size > _segmentSize)
        {
            StartSegment(commandSequence);
        }
        else if (_buffered == _buffer.Length)
        {
            WriteBuffer();
        }

        JournalRecord.Write(_buffer.AsSpan(_buffered, JournalRecord.Size), commandSequence, command);
        _buffered += JournalRecord.Size;
        _lastSequence = commandSequence;

        if (_policy == JournalFlushPolicy.EveryCommand)
        {
            WriteBuffer();
            Sync();
        }
    }

    /// <inheritdoc/>
    /// <remarks>
    /// <see cref="JournalFlushPolicy.EveryCommand"/> and <see cref="JournalFlushPolicy.EveryBatch"/>: returns only when
    /// the data is safely stored. <see cref="JournalFlushPolicy.Interval"/>: writes to the OS, then fsyncs if the
    /// interval has passed or enough records are unsynced (an idle engine should keep calling it, or unsynced records
    /// wait for the next batch). <see cref="JournalFlushPolicy.None"/>: writes to the OS.
    /// </remarks>
    public void Flush()
    {
        if (_faulted || _disposed)
        {
            ThrowUnusable();
        }

        WriteBuffer();
        if (_durableSequence == _writtenSequence)
        {
            return;
        }

        switch (_policy)
        {
            case JournalFlushPolicy.EveryCommand:
            case JournalFlushPolicy.EveryBatch:
                Sync();
                break;
            case JournalFlushPolicy.Interval:
                if (_writtenSequence - _durableSequence >= _syncIntervalRecords ||
                    _timeProvider.GetTimestamp() - _lastSyncTimestamp >= _syncIntervalTimestampTicks)
                {
                    Sync();
                }

                break;
            default:
                break;
        }
    }

    /// <inheritdoc/>
    public void FlushToDisk()
    {
        if (_faulted || _disposed)
        {
            ThrowUnusable();
        }

        WriteBuffer();
        if (_durableSequence != _writtenSequence)
        {
            Sync();
        }
    }

    /// <summary>
    /// Group commit, first half (the appending thread): writes what is buffered to the OS, without an fsync. The
    /// records now survive a crash of the process, not yet of the machine; <see cref="CommitWritten"/> makes them durable.
    /// </summary>
    /// <returns>The last sequence written to the OS.</returns>
    public long WriteBuffered()
    {
        if (_faulted || _disposed)
        {
            ThrowUnusable();
        }

        WriteBuffer();
        return _writtenSequence;
    }

    /// <summary>
    /// Group commit, second half: applies the flush policy to everything written to the OS so far — an fsync under
    /// <see cref="JournalFlushPolicy.EveryBatch"/> and <see cref="JournalFlushPolicy.EveryCommand"/>, an fsync once due
    /// under <see cref="JournalFlushPolicy.Interval"/>, nothing under <see cref="JournalFlushPolicy.None"/>.
    /// </summary>
    /// <remarks>
    /// The one member that may run on another thread than the appending one, concurrently with
    /// <see cref="Append"/> and <see cref="WriteBuffered"/>: a shard's commit thread fsyncs batch N while its matching
    /// thread appends batch N+1, so the matching thread never waits for the disk. An fsync covers every write that
    /// completed before it, and the appending thread hands a batch over only after writing it.
    /// </remarks>
    /// <returns>The sequence up to which the journal is durable (under <see cref="JournalFlushPolicy.None"/>: written).</returns>
    public long CommitWritten()
    {
        if (Volatile.Read(ref _faulted) || Volatile.Read(ref _disposed))
        {
            ThrowUnusable();
        }

        switch (_policy)
        {
            case JournalFlushPolicy.None:
                return Volatile.Read(ref _writtenSequence);
            case JournalFlushPolicy.Interval:
                var durable = Volatile.Read(ref _durableSequence);
                if (Volatile.Read(ref _writtenSequence) - durable < _syncIntervalRecords &&
                    _timeProvider.GetTimestamp() - Volatile.Read(ref _lastSyncTimestamp) < _syncIntervalTimestampTicks)
                {
                    return durable;
                }

                Sync();
                return Volatile.Read(ref _durableSequence);
            default:
                Sync();
                return Volatile.Read(ref _durableSequence);
        }
    }

    /// <summary>Writes what is buffered, fsyncs unless the policy is <see cref="JournalFlushPolicy.None"/>, and closes the file.</summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        try
        {
            if (!_faulted && _handle is not null)
            {
                WriteBuffer();
                if (_policy != JournalFlushPolicy.None && _durableSequence != _writtenSequence)
                {
                    Sync();
                }
            }
        }
        finally
        {
            _disposed = true;
            _handle?.Dispose();
            _handle = null;
        }
    }

    private void OpenExisting()
    {
        string? appendPath;
        long expectedNext;
        long recordsEnd;
        using (var reader = CommandJournalReader.OpenDirectory(_directory))
        {
            while (reader.TryRead(out _, out _))
            {
            }

            expectedNext = reader.ExpectedNextSequence;
            recordsEnd = reader.LastRecordsEnd;
            var segments = reader.Segments;
            appendPath = segments.Count == 0 ? null : segments[^1].Path;
            if (reader.TornTailDetected)
            {
                appendPath = reader.TornTailFilePath!;
                using (var handle = File.OpenHandle(appendPath, FileMode.Open, FileAccess.ReadWrite, FileShare.Read))
                {
                    RandomAccess.SetLength(handle, reader.TornTailOffset);
                    RandomAccess.FlushToDisk(handle);
                }

                var afterTorn = false;
                foreach (var segment in segments)
                {
                    if (afterTorn)
                    {
                        File.Delete(segment.Path);
                    }

                    afterTorn |= segment.Path == appendPath;
                }

                recordsEnd = reader.TornTailOffset;
                TruncatedTornTail = true;
                TruncatedTornTailFilePath = appendPath;
                TruncatedTornTailOffset = reader.TornTailOffset;
            }
        }

        if (appendPath is null)
        {
            return;
        }

        _handle = File.OpenHandle(appendPath, FileMode.Open, FileAccess.Write, FileShare.Read);
        _filePath = appendPath;
        _fileLength = RandomAccess.GetLength(_handle);
        _writtenLength = Math.Min(_fileLength, recordsEnd);

        // What a crashed process left in the page cache is durable from here on, the file's name included (it may
        // have been created just before the crash).
        RandomAccess.FlushToDisk(_handle);
        DirectorySync.Flush(_directory);
        _lastSequence = _writtenSequence = _durableSequence = expectedNext - 1;
    }

    private void StartSegment(long firstSequence)
    {
        if (_handle is not null)
        {
            WriteBuffer();

            // The old file must be durable before the new one exists: otherwise a crash could leave a torn tail
            // in a file that is not the last one, which reads as corruption.
            if (_policy != JournalFlushPolicy.None && _durableSequence != _writtenSequence)
            {
                Sync();
            }

            lock (_syncLock)
            {
                // Zeros written ahead of a segment that was opened under a larger segment size; only the last file
                // keeps any. Not fsynced: a reader takes a zero tail for the end of the records either way.
                if (_fileLength > _writtenLength)
                {
                    RandomAccess.SetLength(_handle, _writtenLength);
                }

                _handle.Dispose();
                _handle = null;
            }
        }

        var path = Path.Combine(_directory, JournalFiles.FileName(firstSequence));
        try
        {
            var handle = File.OpenHandle(path, FileMode.CreateNew, FileAccess.Write, FileShare.Read);
            lock (_syncLock)
            {
                _handle = handle;
                _directoryUnsynced = true;
            }
        }
        catch
        {
            _faulted = true;
            throw;
        }

        _filePath = path;
        _writtenLength = 0;
        _fileLength = 0;
    }

    private void WriteBuffer()
    {
        if (_buffered == 0)
        {
            return;
        }

        try
        {
            var end = _writtenLength + _buffered;
            if (end > _fileLength && _preallocationSize > 0)
            {
                WriteZerosAhead(end);
            }

            RandomAccess.Write(_handle!, new ReadOnlySpan<byte>(_buffer, 0, _buffered), _writtenLength);
            _fileLength = Math.Max(_fileLength, end);
        }
        catch
        {
            _faulted = true;
            throw;
        }

        _writtenLength += _buffered;
        _buffered = 0;
        Volatile.Write(ref _writtenSequence, _lastSequence);
    }

    /// <summary>
    /// Extends the file with zeros from <paramref name="end"/> (where the records about to be written end) to
    /// <see cref="FileCommandJournalOptions.PreallocationSize"/> beyond it, within the segment. On the appending
    /// thread and before the records' own write, so that zeros never land on records.
    /// </summary>
    private void WriteZerosAhead(long end)
    {
        var target = Math.Min(_segmentSize, end + _preallocationSize);
        for (var offset = end; offset < target;)
        {
            var length = (int)Math.Min(Zeros.Length, target - offset);
            RandomAccess.Write(_handle!, Zeros.AsSpan(0, length), offset);
            offset += length;
        }

        _fileLength = Math.Max(_fileLength, target);
    }

    private void Sync()
    {
        lock (_syncLock)
        {
            // Read before the fsync: it covers at least the writes that this sequence stands for.
            var written = Volatile.Read(ref _writtenSequence);
            if (written == _durableSequence || _handle is null)
            {
                return;
            }

            try
            {
                RandomAccess.FlushToDisk(_handle);
                if (_directoryUnsynced)
                {
                    DirectorySync.Flush(_directory);
                    _directoryUnsynced = false;
                    DirectorySyncs++;
                }
            }
            catch
            {
                Volatile.Write(ref _faulted, true);
                throw;
            }

            Volatile.Write(ref _durableSequence, written);
            Volatile.Write(ref _lastSyncTimestamp, _timeProvider.GetTimestamp());
        }
    }

    [DoesNotReturn]
    private void ThrowUnusable()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        throw new InvalidOperationException("The journal is faulted after an I/O error; recover from the files.");
    }

    [DoesNotReturn]
    private void ThrowOutOfSequence(long commandSequence) =>
        throw new ArgumentOutOfRangeException(
            nameof(commandSequence),
            commandSequence,
            _filePath is null ? "The first sequence must be positive." : $"Expected sequence {_lastSequence + 1}.");
}
