namespace Bourse.Engine.Tests.Journal;

/// <summary>A clock that moves only when told: the monotonic timestamp is all the journal reads.</summary>
internal sealed class ManualTimeProvider : TimeProvider
{
    private long _ticks;

    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    public override long GetTimestamp() => _ticks;

    public void Advance(TimeSpan by) => _ticks += by.Ticks;
}
