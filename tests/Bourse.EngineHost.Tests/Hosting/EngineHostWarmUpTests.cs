using Bourse.Engine.Journal;
using Bourse.EngineHost.Configuration;
using Bourse.EngineHost.Hosting;

namespace Bourse.EngineHost.Tests.Hosting;

public sealed class EngineHostWarmUpTests
{
    [Fact]
    public async Task The_warm_up_answers_every_order_through_a_throwaway_host_and_removes_its_journal()
    {
        var result = await EngineHostWarmUp.RunAsync(12_000, new FileCommandJournalOptions { FlushPolicy = JournalFlushPolicy.EveryBatch, PreallocationSize = 64 * 1_024 }, CancellationToken.None);

        Assert.Equal(12_000, result.Orders);
        Assert.Equal(12_000, result.LastPass.Requests);
        Assert.True(result.LastPass.Rejected < 2_000, "a generated stream is mostly valid");
        Assert.False(Directory.Exists(result.Directory), "the throwaway host's journal is removed");
    }

    [Fact]
    public void The_warm_up_is_off_by_default_and_its_size_is_validated()
    {
        var options = new EngineHostOptions();
        Assert.Equal(0, options.WarmUp.Orders);

        options.WarmUp.Orders = -1;
        Assert.Contains("EngineHost:WarmUp:Orders must be between 0 and 100000000; it is -1", EngineHostOptionsValidator.Check(options));
    }
}
