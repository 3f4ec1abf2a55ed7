using Bourse.Engine.Pipeline;

namespace Bourse.Engine.Tests.Pipeline;

/// <summary>The wait strategies by name, for theories (xunit shows the name, not the object).</summary>
internal static class WaitStrategies
{
    public const string BusySpin = nameof(BusySpin);
    public const string Yielding = nameof(Yielding);
    public const string Blocking = nameof(Blocking);

    public static TheoryData<string> All => [BusySpin, Yielding, Blocking];

    public static IWaitStrategy Create(string name) => name switch
    {
        BusySpin => new BusySpinWaitStrategy(),
        Yielding => new YieldingWaitStrategy(),
        Blocking => new BlockingWaitStrategy(),
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "Unknown wait strategy."),
    };
}
