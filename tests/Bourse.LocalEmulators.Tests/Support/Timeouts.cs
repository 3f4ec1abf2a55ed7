namespace Bourse.LocalEmulators.Tests.Support;

/// <summary>Deadlines for calls in tests: a hang becomes a quick failure.</summary>
internal static class Timeouts
{
    /// <summary>Cancels after 15 seconds: every call against a local emulator takes milliseconds.</summary>
    public static CancellationTokenSource Short() => new(TimeSpan.FromSeconds(15));
}
