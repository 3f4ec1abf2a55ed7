using System.Collections.Concurrent;

namespace Bourse.EngineHost.OrderEntry;

/// <summary>The live order-entry sessions by id. Thread-safe.</summary>
internal sealed class OrderSessions
{
    private readonly ConcurrentDictionary<long, IOrderSession> _sessions = new();
    private long _lastId;

    /// <summary>A fresh session id (never 0, which means "no session").</summary>
    public long NextId() => Interlocked.Increment(ref _lastId);

    public void Add(IOrderSession session)
    {
        ArgumentNullException.ThrowIfNull(session);
        if (!_sessions.TryAdd(session.Id, session))
        {
            throw new InvalidOperationException($"Session {session.Id} is already registered.");
        }
    }

    public void Remove(long sessionId) => _sessions.TryRemove(sessionId, out _);

    public bool TryGet(long sessionId, out IOrderSession session) => _sessions.TryGetValue(sessionId, out session!);

    public int Count => _sessions.Count;
}
