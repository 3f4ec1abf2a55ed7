using System.Collections.Concurrent;
using Bourse.Engine.Journal;
using Bourse.Engine.Matching;

namespace Bourse.EngineHost.OrderEntry;

/// <summary>
/// Client order → engine order, for idempotent order entry: the first submission of a client order id registers it and
/// gets a fresh engine order id; a retry finds the registration and gets the original outcome, never a second order.
/// </summary>
/// <remarks>
/// Thread-safe. Engine order ids are unique per host and never reused: after a restart the registry is loaded from the
/// retained journals (every new or market order with a client order key), and numbering resumes above the highest id
/// found there.
/// </remarks>
internal sealed class ClientOrderRegistry
{
    private readonly ConcurrentDictionary<long, ClientOrder> _byKey = new();
    private readonly ConcurrentDictionary<long, ClientOrder> _byEngineOrderId = new();
    private long _lastEngineOrderId;

    public int Count => _byKey.Count;

    /// <summary>The highest engine order id handed out or found in the journals.</summary>
    public long LastEngineOrderId => Interlocked.Read(ref _lastEngineOrderId);

    /// <summary>Registers a client order, or finds the one registered before under the same key.</summary>
    /// <returns>The registration, and whether this call created it (true: submit it; false: a retry).</returns>
    public (ClientOrder Order, bool Created) Register(
        long clientOrderKey, string? clientOrderId, long accountId, int instrumentId, CommandType type = CommandType.NewOrder, TimeInForce timeInForce = TimeInForce.Gtc)
    {
        if (_byKey.TryGetValue(clientOrderKey, out var existing))
        {
            return (existing, false);
        }

        var candidate = new ClientOrder(clientOrderKey, clientOrderId, accountId, instrumentId, Interlocked.Increment(ref _lastEngineOrderId), type, timeInForce);
        var winner = _byKey.GetOrAdd(clientOrderKey, candidate);
        if (ReferenceEquals(winner, candidate))
        {
            _byEngineOrderId[candidate.EngineOrderId] = candidate;
            return (candidate, true);
        }

        return (winner, false);
    }

    public bool TryGet(long clientOrderKey, out ClientOrder order) => _byKey.TryGetValue(clientOrderKey, out order!);

    public bool TryGetByEngineOrderId(long engineOrderId, out ClientOrder order) => _byEngineOrderId.TryGetValue(engineOrderId, out order!);

    /// <summary>Adds what an instrument's journal says was submitted before this process started.</summary>
    /// <returns>How many client orders the journal held.</returns>
    public int LoadJournal(int instrumentId, string journalDirectory)
    {
        ArgumentNullException.ThrowIfNull(journalDirectory);
        var loaded = 0;
        using var reader = CommandJournalReader.OpenDirectory(journalDirectory);
        while (reader.TryRead(out var sequence, out var command))
        {
            if (command.Type is CommandType.NewOrder or CommandType.Market && command.ClientOrderKey != 0)
            {
                var order = new ClientOrder(command.ClientOrderKey, null, command.AccountId, instrumentId, command.OrderId, command.Type, command.TimeInForce);
                order.Journalled(sequence);
                if (_byKey.TryAdd(command.ClientOrderKey, order))
                {
                    _byEngineOrderId[order.EngineOrderId] = order;
                    loaded++;
                }
            }

            var observed = Interlocked.Read(ref _lastEngineOrderId);
            while (command.OrderId > observed && Interlocked.CompareExchange(ref _lastEngineOrderId, command.OrderId, observed) != observed)
            {
                observed = Interlocked.Read(ref _lastEngineOrderId);
            }
        }

        return loaded;
    }
}
