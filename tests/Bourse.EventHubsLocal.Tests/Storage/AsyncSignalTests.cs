using Bourse.EventHubsLocal.Storage;

namespace Bourse.EventHubsLocal.Tests.Storage;

public sealed class AsyncSignalTests
{
    [Fact]
    public void A_set_before_the_wait_is_kept_once()
    {
        var signal = new AsyncSignal();
        signal.Set();
        signal.Set();

        Assert.True(signal.WaitAsync().IsCompleted);
        Assert.False(signal.WaitAsync().IsCompleted);
    }

    [Fact]
    public async Task A_set_wakes_the_waiter()
    {
        var signal = new AsyncSignal();
        var waiting = signal.WaitAsync();

        signal.Set();

        await waiting.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.False(signal.WaitAsync().IsCompleted);
    }
}
