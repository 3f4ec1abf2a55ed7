using Bourse.Engine.Journal;
using Bourse.Engine.Matching;
using Bourse.EngineHost.Contracts;

namespace Bourse.EngineHost.OrderEntry;

/// <summary>
/// Client order → engine order, for idempotent order entry: the first submission of a client order id registers it and
/// gets a fresh engine order id; a retry finds the registration and gets the original outcome, never a second order.
/// </summary>
/// <remarks>
/// <para>
/// Thread-safe. Engine order ids are unique per host and never reused: after a restart the registry is loaded from the
/// retained journals (every new or market order with a client order key), and numbering resumes above the highest id
/// found there.
/// </para>
/// <para>
/// Two flat tables instead of two concurrent dictionaries of objects: the orders as structs in segments indexed by
/// engine order id (ids are handed out here, one after another, so the table is dense), and an open-addressing table
/// of (client order key, engine order id) pairs. Why: the registry only grows, and as an object per order plus a node
/// per dictionary it was most of the long-lived heap (every full GC marked it again) and a resize of a dictionary
/// copied it all under its locks; a lookup by engine order id (the commit thread's, per report) is now an index.
/// Writers (registration, loading) take a lock; the lookup by engine order id takes none (a segment is published
/// before any id in it is handed out, and a command reaches the commit thread only after its registration).
/// </para>
/// </remarks>
internal sealed class ClientOrderRegistry
{
    private const int SegmentBits = 14;
    private const int SegmentSize = 1 << SegmentBits;

    private readonly Lock _lock = new();
    private Entry[]?[] _segments = new Entry[]?[16];

    // Open addressing, linear probing; a key of 0 marks a free slot (a client order key is never 0).
    private KeySlot[] _keys = new KeySlot[1024];
    private int _count;
    private long _lastEngineOrderId;

    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _count;
            }
        }
    }

    /// <summary>The highest engine order id handed out or found in the journals.</summary>
    public long LastEngineOrderId => Interlocked.Read(ref _lastEngineOrderId);

    /// <summary>Registers a client order, or finds the one registered before under the same key.</summary>
    /// <returns>The registration, and whether this call created it (true: submit it; false: a retry).</returns>
    public (ClientOrder Order, bool Created) Register(
        long clientOrderKey, string? clientOrderId, long accountId, int instrumentId, CommandType type = CommandType.NewOrder, TimeInForce timeInForce = TimeInForce.Gtc)
    {
        ArgumentOutOfRangeException.ThrowIfZero(clientOrderKey);
        lock (_lock)
        {
            ref var slot = ref FindSlot(clientOrderKey);
            if (slot.Key != 0)
            {
                return (Handle(slot.EngineOrderId), false);
            }

            var engineOrderId = Interlocked.Increment(ref _lastEngineOrderId);
            var order = Add(engineOrderId, clientOrderKey, clientOrderId, accountId, instrumentId, type, timeInForce);
            slot = new KeySlot(clientOrderKey, engineOrderId);
            GrowKeysIfFull();
            return (order, true);
        }
    }

    public bool TryGet(long clientOrderKey, out ClientOrder order)
    {
        lock (_lock)
        {
            ref var slot = ref FindSlot(clientOrderKey);
            if (clientOrderKey == 0 || slot.Key == 0)
            {
                order = default;
                return false;
            }

            order = Handle(slot.EngineOrderId);
            return true;
        }
    }

    public bool TryGetByEngineOrderId(long engineOrderId, out ClientOrder order)
    {
        var segments = Volatile.Read(ref _segments);
        var s = (ulong)engineOrderId >> SegmentBits;
        if (s < (ulong)segments.Length && Volatile.Read(ref segments[s]) is { } segment)
        {
            var index = (int)(engineOrderId & (SegmentSize - 1));
            // The key is written last when an order is added (under the lock, before its id is known elsewhere).
            if (Volatile.Read(ref segment[index].Key) != 0)
            {
                order = new ClientOrder(segment, index);
                return true;
            }
        }

        order = default;
        return false;
    }

    /// <summary>Adds what an instrument's journal says was submitted before this process started.</summary>
    /// <remarks>
    /// The engine's judgement of an order is not journalled (the journal holds commands), but it is deterministic:
    /// the commands replayed through a book of the same instrument give each order's first outcome again, so that a
    /// retry of an order the engine rejected before the restart is answered as rejected, as it was before. Only a
    /// journal that starts at command 1 can be judged again this way; one whose early files were deleted (after a
    /// snapshot) restores the registrations without their rejections.
    /// </remarks>
    /// <returns>How many client orders the journal held.</returns>
    public int LoadJournal(InstrumentSpec spec, string journalDirectory)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(journalDirectory);
        var loaded = 0;
        var events = new EventBuffer();
        OrderBook? book = null;
        using var reader = CommandJournalReader.OpenDirectory(journalDirectory);
        while (reader.TryRead(out var sequence, out var command))
        {
            if (sequence == 1)
            {
                book = new OrderBook(spec, events);
            }

            var rejection = RejectReason.None;
            if (book is not null)
            {
                events.Clear();
                book.Process(command, sequence);
                if (events.Count > 0 && events.Events[0].Type == EventType.Rejected)
                {
                    rejection = events.Events[0].RejectReason;
                }
            }

            lock (_lock)
            {
                if (command.Type is CommandType.NewOrder or CommandType.Market && command.ClientOrderKey != 0)
                {
                    ref var slot = ref FindSlot(command.ClientOrderKey);
                    if (slot.Key == 0 && !TryGetByEngineOrderId(command.OrderId, out _))
                    {
                        var order = Add(command.OrderId, command.ClientOrderKey, null, command.AccountId, spec.InstrumentId, command.Type, command.TimeInForce);
                        order.Journalled(sequence);
                        if (rejection != RejectReason.None)
                        {
                            order.Reject(ContractMapping.ToContract(rejection));
                        }

                        slot = new KeySlot(command.ClientOrderKey, command.OrderId);
                        GrowKeysIfFull();
                        loaded++;
                    }
                }

                if (command.OrderId > _lastEngineOrderId)
                {
                    Interlocked.Exchange(ref _lastEngineOrderId, command.OrderId);
                }
            }
        }

        return loaded;
    }

    private ClientOrder Handle(long engineOrderId) =>
        new(_segments[engineOrderId >> SegmentBits]!, (int)(engineOrderId & (SegmentSize - 1)));

    /// <summary>Writes an order's entry, its segment created first if needed. Under the lock.</summary>
    private ClientOrder Add(long engineOrderId, long key, string? clientOrderId, long accountId, int instrumentId, CommandType type, TimeInForce timeInForce)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(engineOrderId);
        var s = engineOrderId >> SegmentBits;
        if (s >= _segments.Length)
        {
            var grown = new Entry[]?[Math.Max(_segments.Length * 2, (int)Math.Min(s + 1, int.MaxValue))];
            _segments.CopyTo(grown, 0);
            Volatile.Write(ref _segments, grown);
        }

        var segment = _segments[s];
        if (segment is null)
        {
            segment = new Entry[SegmentSize];
            Volatile.Write(ref _segments[s], segment);
        }

        var index = (int)(engineOrderId & (SegmentSize - 1));
        ref var entry = ref segment[index];
        entry.ClientOrderId = clientOrderId;
        entry.AccountId = accountId;
        entry.InstrumentId = instrumentId;
        entry.EngineOrderId = engineOrderId;
        entry.Type = type;
        entry.TimeInForce = timeInForce;
        Volatile.Write(ref entry.Key, key);
        _count++;
        return new ClientOrder(segment, index);
    }

    /// <summary>The slot of <paramref name="key"/>, or the free slot where it would go. Under the lock.</summary>
    private ref KeySlot FindSlot(long key)
    {
        var mask = _keys.Length - 1;
        // Keys are SHA-256 prefixes: their low bits are already uniform.
        var i = (int)key & mask;
        while (_keys[i].Key != 0 && _keys[i].Key != key)
        {
            i = (i + 1) & mask;
        }

        return ref _keys[i];
    }

    /// <summary>Doubles the key table once it is half full, so that probes stay short. Under the lock.</summary>
    private void GrowKeysIfFull()
    {
        var used = _count;
        if (used * 2 < _keys.Length)
        {
            return;
        }

        var old = _keys;
        _keys = new KeySlot[old.Length * 2];
        foreach (var slot in old)
        {
            if (slot.Key != 0)
            {
                FindSlot(slot.Key) = slot;
            }
        }
    }

    private readonly record struct KeySlot(long Key, long EngineOrderId);

    /// <summary>One order's entry in the table (see <see cref="ClientOrder"/>, its handle).</summary>
    internal struct Entry
    {
        /// <summary>The client order key; 0 while the entry is free.</summary>
        public long Key;
        public string? ClientOrderId;
        public long AccountId;
        public long EngineOrderId;
        public long CommandSequence;
        public long SessionId;
        public int InstrumentId;
        public int Rejection;
        public CommandType Type;
        public TimeInForce TimeInForce;
    }
}
