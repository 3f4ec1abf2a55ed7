namespace Bourse.Adapters.Tests.Support;

/// <summary>Deadlines for calls in tests: a hang becomes a quick failure.</summary>
internal static class Timeouts
{
    /// <summary>Cancels after 30 seconds: every call against the local server takes milliseconds.</summary>
    public static CancellationTokenSource Short() => new(TimeSpan.FromSeconds(30));
}
