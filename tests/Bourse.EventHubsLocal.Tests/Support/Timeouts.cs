namespace Bourse.EventHubsLocal.Tests.Support;

/// <summary>Deadlines for client calls in tests: a hang becomes a quick failure.</summary>
internal static class Timeouts
{
    /// <summary>Cancels after 5 seconds: every call against the local server takes milliseconds.</summary>
    public static CancellationTokenSource Short() => new(TimeSpan.FromSeconds(5));
}
