using Bourse.Engine.Matching;

namespace Bourse.Engine.Tests.Matching;

/// <summary>The hot path's promise: after warm-up, processing commands allocates nothing at all.</summary>
public sealed class OrderBookAllocationTests
{
    [Fact]
    public void One_million_commands_after_warm_up_allocate_zero_bytes()
    {
        var warmUp = RandomCommandStream.Create(11, 200_000, idSpace: 5_000, priceSpread: 400, accounts: 100, invalid: true);
        var measured = RandomCommandStream.Create(12, 1_000_000, idSpace: 5_000, priceSpread: 400, accounts: 100, invalid: true);
        var events = new EventBuffer(4_096);
        var book = new OrderBook(InstrumentSpec.Unrestricted, events, new OrderBookOptions { InitialOrderCapacity = 8_192, InitialLevelCapacity = 2_048 });

        Drive(book, events, warmUp, 0);
        var before = GC.GetAllocatedBytesForCurrentThread();
        var trades = Drive(book, events, measured, warmUp.Length);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(0, allocated);
        Assert.True(trades > 50_000, $"the measured stream must exercise matching; it traded {trades} times");
    }

    private static long Drive(OrderBook book, EventBuffer events, OrderCommand[] commands, long offset)
    {
        long trades = 0;
        for (var i = 0; i < commands.Length; i++)
        {
            book.Process(commands[i], offset + i + 1);
            foreach (ref readonly var e in events.Events)
            {
                if (e.Type == EventType.Trade)
                {
                    trades++;
                }
            }

            events.Clear();
        }

        return trades;
    }
}
