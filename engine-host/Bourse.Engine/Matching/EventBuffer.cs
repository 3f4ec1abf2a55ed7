using System.Runtime.CompilerServices;

namespace Bourse.Engine.Matching;

/// <summary>
/// The pre-allocated buffer a book writes its events into. The owner drains it (reads <see cref="Events"/>, then
/// <see cref="Clear"/>) after each command or batch of commands; slots are reused, so steady state allocates nothing.
/// </summary>
/// <remarks>Single-threaded: the matching thread writes and drains it. Hand events to other threads through a ring.</remarks>
public sealed class EventBuffer
{
    private MatchEvent[] _events;
    private int _count;

    /// <param name="initialCapacity">Slots allocated up front. The default value is 1,024.</param>
    public EventBuffer(int initialCapacity = 1024)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(initialCapacity);
        _events = new MatchEvent[initialCapacity];
    }

    /// <summary>The events written since the last <see cref="Clear"/>.</summary>
    public ReadOnlySpan<MatchEvent> Events => new(_events, 0, _count);

    public int Count => _count;

    public void Clear() => _count = 0;

    /// <summary>The next slot to fill. Grows (allocates) only when one drain interval exceeds the capacity.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal ref MatchEvent Next()
    {
        if (_count == _events.Length)
        {
            Grow();
        }

        return ref _events[_count++];
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void Grow() => Array.Resize(ref _events, _events.Length * 2);
}
