using Microsoft.Win32.SafeHandles;

namespace Bourse.EventHubsLocal.Storage;

/// <summary>
/// One partition's events: an append-only log file and its index (layout in <see cref="LogRecord"/>), with the index
/// also held in memory so that positions resolve without I/O.
/// </summary>
/// <remarks>
/// <para>
/// Threading: appends are serialized by a lock; reads take the lock only to copy index entries and then read the file
/// with positional reads, which never see a partial record because the in-memory index grows only after the write.
/// Readers waiting for new events register an <see cref="AsyncSignal"/> that every append sets.
/// </para>
/// <para>
/// Durability: each append is one positional write of all its records, then one of its index entries, handed to the
/// OS before the producer is answered, so a process restart loses nothing; with <c>flushToDisk</c> both files are also
/// fsynced, so a power loss does not either. <see cref="Open"/> trusts the index only as far as the log confirms
/// it, re-indexes records the index missed (a crash between the two writes) and cuts a torn or corrupt tail. It
/// verifies the tail only, so that start-up does not read every partition in full; damage further in (which a crash
/// does not cause) is caught by the checksum check of every <see cref="Read"/>.
/// </para>
/// </remarks>
internal sealed class PartitionLog : IDisposable
{
    private const string LogFileName = "events.log";
    private const string IndexFileName = "events.idx";

    private readonly object _lock = new();
    private readonly List<long> _offsets = [];
    private readonly List<long> _enqueuedUnixMs = [];
    private readonly List<AsyncSignal> _listeners = [];
    private readonly SafeFileHandle _log;
    private readonly SafeFileHandle _index;
    private readonly TimeProvider _timeProvider;
    private readonly bool _flushToDisk;
    private long _logLength;
    private bool _disposed;

    private PartitionLog(string partitionId, SafeFileHandle log, SafeFileHandle index, TimeProvider timeProvider, bool flushToDisk)
    {
        PartitionId = partitionId;
        _log = log;
        _index = index;
        _timeProvider = timeProvider;
        _flushToDisk = flushToDisk;
    }

    public string PartitionId { get; }

    /// <summary>Opens (creating if needed) the partition stored in <paramref name="directory"/> and recovers its state.</summary>
    public static PartitionLog Open(string directory, string partitionId, TimeProvider timeProvider, bool flushToDisk)
    {
        Directory.CreateDirectory(directory);
        var log = File.OpenHandle(Path.Combine(directory, LogFileName), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.Read);
        SafeFileHandle? index = null;
        try
        {
            index = File.OpenHandle(Path.Combine(directory, IndexFileName), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.Read);
            var partition = new PartitionLog(partitionId, log, index, timeProvider, flushToDisk);
            partition.Recover();
            return partition;
        }
        catch
        {
            index?.Dispose();
            log.Dispose();
            throw;
        }
    }

    public PartitionState GetState()
    {
        lock (_lock)
        {
            var count = _offsets.Count;
            return count == 0
                ? new PartitionState(0, -1, -1, DateTimeOffset.MinValue)
                : new PartitionState(count, count - 1, _offsets[^1], DateTimeOffset.FromUnixTimeMilliseconds(_enqueuedUnixMs[^1]));
        }
    }

    /// <summary>
    /// Appends <paramref name="items"/> as consecutive events. <paramref name="encode"/> gets each item with the stamp
    /// it will have and returns the encoded message to store (carrying that stamp).
    /// </summary>
    /// <returns>The stamps given, in order.</returns>
    public IReadOnlyList<EventStamp> Append<T>(IReadOnlyList<T> items, Func<T, EventStamp, byte[]> encode)
    {
        ArgumentNullException.ThrowIfNull(items);
        ArgumentNullException.ThrowIfNull(encode);
        if (items.Count == 0)
        {
            return [];
        }

        var stamps = new EventStamp[items.Count];
        lock (_lock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            var now = _timeProvider.GetUtcNow().ToUnixTimeMilliseconds();
            // Enqueued times never go backwards within a partition, so a time filter is a binary search.
            var enqueuedMs = _enqueuedUnixMs.Count == 0 ? now : Math.Max(now, _enqueuedUnixMs[^1]);
            var firstSequence = (long)_offsets.Count;

            var messages = new byte[items.Count][];
            var position = _logLength;
            for (var i = 0; i < items.Count; i++)
            {
                stamps[i] = new EventStamp(firstSequence + i, position, DateTimeOffset.FromUnixTimeMilliseconds(enqueuedMs));
                messages[i] = encode(items[i], stamps[i]);
                if (messages[i].Length > LogRecord.MaxMessageSize)
                {
                    throw new InvalidOperationException($"An event of {messages[i].Length} bytes is larger than the log allows.");
                }

                position += LogRecord.HeaderSize + messages[i].Length;
            }

            var records = new byte[position - _logLength];
            var indexEntries = new byte[items.Count * LogRecord.IndexEntrySize];
            var at = 0;
            for (var i = 0; i < items.Count; i++)
            {
                LogRecord.WriteHeader(records.AsSpan(at), stamps[i].SequenceNumber, enqueuedMs, messages[i]);
                messages[i].CopyTo(records.AsSpan(at + LogRecord.HeaderSize));
                at += LogRecord.HeaderSize + messages[i].Length;
                LogRecord.WriteIndexEntry(indexEntries.AsSpan(i * LogRecord.IndexEntrySize), stamps[i].Offset, enqueuedMs);
            }

            try
            {
                RandomAccess.Write(_log, records, _logLength);
                RandomAccess.Write(_index, indexEntries, firstSequence * LogRecord.IndexEntrySize);
                if (_flushToDisk)
                {
                    RandomAccess.FlushToDisk(_log);
                    RandomAccess.FlushToDisk(_index);
                }
            }
            catch
            {
                // Leave the files as they were, so that the next append does not follow a partial batch.
                RandomAccess.SetLength(_log, _logLength);
                RandomAccess.SetLength(_index, firstSequence * LogRecord.IndexEntrySize);
                throw;
            }

            _logLength = position;
            foreach (var stamp in stamps)
            {
                _offsets.Add(stamp.Offset);
                _enqueuedUnixMs.Add(enqueuedMs);
            }

            foreach (var listener in _listeners)
            {
                listener.Set();
            }
        }

        return stamps;
    }

    /// <summary>
    /// Reads up to <paramref name="maxCount"/> events from <paramref name="fromSequenceNumber"/> on, stopping early
    /// once <paramref name="maxBytes"/> are read (always at least one event when there is one).
    /// </summary>
    public IReadOnlyList<StoredEvent> Read(long fromSequenceNumber, int maxCount, int maxBytes)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(fromSequenceNumber);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxCount);
        long start;
        long end;
        long[] offsets;
        long[] times;
        lock (_lock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            var count = _offsets.Count;
            if (fromSequenceNumber >= count)
            {
                return [];
            }

            var first = (int)fromSequenceNumber;
            var last = first;
            start = _offsets[first];
            // Extend the range while it stays within the byte budget; record i ends where record i + 1 starts.
            while (last + 1 < count && last - first + 1 < maxCount && NextStart(last + 1, count) - start <= maxBytes)
            {
                last++;
            }

            end = NextStart(last, count);
            offsets = _offsets.GetRange(first, last - first + 1).ToArray();
            times = _enqueuedUnixMs.GetRange(first, last - first + 1).ToArray();
        }

        var buffer = new byte[end - start];
        ReadExactly(_log, buffer, start);
        var events = new StoredEvent[times.Length];
        var at = 0;
        for (var i = 0; i < events.Length; i++)
        {
            var length = LogRecord.ReadLength(buffer.AsSpan(at));
            var header = buffer.AsSpan(at, LogRecord.HeaderSize);
            var recordEnd = i + 1 < offsets.Length ? offsets[i + 1] : end;
            if (length != recordEnd - offsets[i] - LogRecord.HeaderSize ||
                !LogRecord.HasValidChecksum(header, buffer.AsSpan(at + LogRecord.HeaderSize, length)))
            {
                throw new InvalidDataException($"Partition {PartitionId}: the record of event {fromSequenceNumber + i} is damaged.");
            }

            var message = buffer.AsSpan(at + LogRecord.HeaderSize, length).ToArray();
            var stamp = new EventStamp(fromSequenceNumber + i, offsets[i], DateTimeOffset.FromUnixTimeMilliseconds(times[i]));
            events[i] = new StoredEvent(stamp, message);
            at += LogRecord.HeaderSize + length;
        }

        return events;
    }

    /// <summary>The sequence number of the first event at or after <paramref name="position"/> (may be the next one to come).</summary>
    public long Resolve(StartPosition position)
    {
        lock (_lock)
        {
            var count = (long)_offsets.Count;
            return position.Kind switch
            {
                StartPositionKind.Earliest => 0,
                StartPositionKind.Latest => count,
                StartPositionKind.SequenceNumber => Math.Clamp(position.IsInclusive ? position.Value : position.Value + 1, 0, count),
                StartPositionKind.Offset => FirstIndexAfter(_offsets, position.Value, position.IsInclusive),
                StartPositionKind.EnqueuedTime => FirstIndexAfter(_enqueuedUnixMs, position.Value, inclusive: false),
                _ => throw new ArgumentOutOfRangeException(nameof(position), position.Kind, "Unknown start position."),
            };
        }
    }

    public void AddListener(AsyncSignal listener)
    {
        lock (_lock)
        {
            _listeners.Add(listener);
        }
    }

    public void RemoveListener(AsyncSignal listener)
    {
        lock (_lock)
        {
            _listeners.Remove(listener);
        }
    }

    public void Dispose()
    {
        lock (_lock)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            foreach (var listener in _listeners)
            {
                listener.Set();
            }

            _log.Dispose();
            _index.Dispose();
        }
    }

    private long NextStart(int sequence, int count) => sequence + 1 < count ? _offsets[sequence + 1] : _logLength;

    private static long FirstIndexAfter(List<long> sortedValues, long value, bool inclusive)
    {
        // Lower bound (first >= value) or upper bound (first > value) over non-decreasing values.
        int low = 0, high = sortedValues.Count;
        while (low < high)
        {
            var mid = (low + high) >>> 1;
            var before = inclusive ? sortedValues[mid] < value : sortedValues[mid] <= value;
            if (before)
            {
                low = mid + 1;
            }
            else
            {
                high = mid;
            }
        }

        return low;
    }

    private void Recover()
    {
        var logLength = RandomAccess.GetLength(_log);
        var indexLength = RandomAccess.GetLength(_index);
        var entries = (int)Math.Min(indexLength / LogRecord.IndexEntrySize, int.MaxValue);
        var indexBytes = new byte[entries * LogRecord.IndexEntrySize];
        ReadExactly(_index, indexBytes, 0);
        for (var i = 0; i < entries; i++)
        {
            var (offset, enqueuedMs) = LogRecord.ReadIndexEntry(indexBytes.AsSpan(i * LogRecord.IndexEntrySize));
            _offsets.Add(offset);
            _enqueuedUnixMs.Add(enqueuedMs);
        }

        // The index is written after the log: trust its entries back from the last one the log confirms.
        var header = new byte[LogRecord.HeaderSize];
        long position = 0;
        while (_offsets.Count > 0)
        {
            var last = _offsets.Count - 1;
            if (TryReadRecord(header, _offsets[last], logLength, last, out var end) &&
                (last == 0 || _offsets[last - 1] < _offsets[last]))
            {
                position = end;
                break;
            }

            _offsets.RemoveAt(last);
            _enqueuedUnixMs.RemoveAt(last);
        }

        // Records the index missed, up to the first torn or damaged one.
        while (TryReadRecord(header, position, logLength, _offsets.Count, out var end))
        {
            _offsets.Add(position);
            _enqueuedUnixMs.Add(LogRecord.ReadEnqueuedUnixMs(header));
            position = end;
        }

        _logLength = position;
        if (logLength != position)
        {
            RandomAccess.SetLength(_log, position);
        }

        var expectedIndexLength = (long)_offsets.Count * LogRecord.IndexEntrySize;
        if (indexLength != expectedIndexLength)
        {
            var rebuilt = new byte[expectedIndexLength];
            for (var i = 0; i < _offsets.Count; i++)
            {
                LogRecord.WriteIndexEntry(rebuilt.AsSpan(i * LogRecord.IndexEntrySize), _offsets[i], _enqueuedUnixMs[i]);
            }

            RandomAccess.SetLength(_index, expectedIndexLength);
            RandomAccess.Write(_index, rebuilt, 0);
        }
    }

    private bool TryReadRecord(byte[] header, long position, long logLength, long expectedSequence, out long end)
    {
        end = 0;
        if (position < 0 || position + LogRecord.HeaderSize > logLength)
        {
            return false;
        }

        ReadExactly(_log, header, position);
        var length = LogRecord.ReadLength(header);
        if (length < 0 || length > LogRecord.MaxMessageSize || position + LogRecord.HeaderSize + length > logLength ||
            LogRecord.ReadSequenceNumber(header) != expectedSequence)
        {
            return false;
        }

        var message = new byte[length];
        ReadExactly(_log, message, position + LogRecord.HeaderSize);
        if (!LogRecord.HasValidChecksum(header, message))
        {
            return false;
        }

        end = position + LogRecord.HeaderSize + length;
        return true;
    }

    private static void ReadExactly(SafeFileHandle file, Span<byte> buffer, long position)
    {
        while (!buffer.IsEmpty)
        {
            var read = RandomAccess.Read(file, buffer, position);
            if (read == 0)
            {
                throw new EndOfStreamException("The partition log ended inside a record.");
            }

            buffer = buffer[read..];
            position += read;
        }
    }
}
