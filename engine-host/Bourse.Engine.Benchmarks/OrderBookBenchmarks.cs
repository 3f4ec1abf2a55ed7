using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using Bourse.Engine.Matching;
using Bourse.Engine.Tests.Matching;

namespace Bourse.Engine.Benchmarks;

/// <summary>
/// Single operations on a book in steady state: about 1,000 resting orders over about 750 levels, as in the `bench`
/// stream. Each benchmark runs a pair of commands that returns the book to where it was, so every invocation measures
/// the same work; results are per command. The reference book (the tests' specification) runs the same pairs as the
/// baseline of each category.
/// </summary>
/// <remarks>Workload: one thread, no I/O. Hardware: any x64; compare ratios, not absolute times, on shared machines.</remarks>
[MemoryDiagnoser]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class OrderBookBenchmarks
{
    private const int RestingOrders = 1_000;
    private const long Mid = 100_000;

    private OrderBook _fast = null!;
    private ReferenceOrderBook _reference = null!;
    private EventBuffer _fastEvents = null!;
    private EventBuffer _referenceEvents = null!;
    private long _sequence;

    // The pairs, prepared once so that no benchmark builds commands while it is measured.
    private OrderCommand _add;
    private OrderCommand _cancelAdded;
    private OrderCommand _moveAway;
    private OrderCommand _moveBack;
    private OrderCommand _quantityDown;
    private OrderCommand _quantityUp;
    private OrderCommand _aggressiveBuy;
    private OrderCommand _replenishAsk;

    [GlobalSetup]
    public void Setup()
    {
        _fastEvents = new EventBuffer();
        _referenceEvents = new EventBuffer();
        _fast = new OrderBook(InstrumentSpec.Unrestricted, _fastEvents);
        _reference = new ReferenceOrderBook(InstrumentSpec.Unrestricted, _referenceEvents);
        var random = new Random(42);
        for (var id = 1; id <= RestingOrders; id++)
        {
            // Bids below the mid, asks above, about 750 distinct levels in all.
            var side = id % 2 == 0 ? Side.Buy : Side.Sell;
            var distance = 1 + random.Next(375);
            var price = side == Side.Buy ? Mid - distance : Mid + distance;
            Apply(OrderCommand.NewOrder(id, side, price, 10 + random.Next(90), TimeInForce.Gtc, 1 + random.Next(100)));
        }

        // A best ask of known size for the aggressive pair: the taker takes it all, the replenish puts it back.
        Apply(OrderCommand.NewOrder(900_001, Side.Sell, Mid, 50, TimeInForce.Gtc, 500));
        _add = OrderCommand.NewOrder(900_002, Side.Buy, Mid - 200, 10, TimeInForce.Gtc, 501);
        _cancelAdded = OrderCommand.Cancel(900_002);
        _moveAway = OrderCommand.Replace(2, Mid - 300, 40);
        _moveBack = OrderCommand.Replace(2, Mid - 100, 40);
        _quantityDown = OrderCommand.Replace(4, _fast.GetOrders().First(o => o.OrderId == 4).Price, 5);
        _quantityUp = OrderCommand.Replace(4, _quantityDown.Price, 60);
        _aggressiveBuy = OrderCommand.NewOrder(900_003, Side.Buy, Mid, 50, TimeInForce.Ioc, 502);
        _replenishAsk = OrderCommand.NewOrder(900_001, Side.Sell, Mid, 50, TimeInForce.Gtc, 500);
    }

    private void Apply(in OrderCommand command)
    {
        _sequence++;
        _fast.Process(command, _sequence);
        _reference.Process(command, _sequence);
        _fastEvents.Clear();
        _referenceEvents.Clear();
    }

    private void Fast(in OrderCommand first, in OrderCommand second)
    {
        _fast.Process(first, ++_sequence);
        _fast.Process(second, ++_sequence);
        _fastEvents.Clear();
    }

    private void Reference(in OrderCommand first, in OrderCommand second)
    {
        _reference.Process(first, ++_sequence);
        _reference.Process(second, ++_sequence);
        _referenceEvents.Clear();
    }

    [Benchmark(OperationsPerInvoke = 2), BenchmarkCategory("AddThenCancel")]
    public void FastAddThenCancel() => Fast(_add, _cancelAdded);

    [Benchmark(Baseline = true, OperationsPerInvoke = 2), BenchmarkCategory("AddThenCancel")]
    public void ReferenceAddThenCancel() => Reference(_add, _cancelAdded);

    [Benchmark(OperationsPerInvoke = 2), BenchmarkCategory("ReplaceMovePrice")]
    public void FastReplaceMovePrice() => Fast(_moveAway, _moveBack);

    [Benchmark(Baseline = true, OperationsPerInvoke = 2), BenchmarkCategory("ReplaceMovePrice")]
    public void ReferenceReplaceMovePrice() => Reference(_moveAway, _moveBack);

    [Benchmark(OperationsPerInvoke = 2), BenchmarkCategory("ReplaceQuantity")]
    public void FastReplaceQuantity() => Fast(_quantityDown, _quantityUp);

    [Benchmark(Baseline = true, OperationsPerInvoke = 2), BenchmarkCategory("ReplaceQuantity")]
    public void ReferenceReplaceQuantity() => Reference(_quantityDown, _quantityUp);

    [Benchmark(OperationsPerInvoke = 2), BenchmarkCategory("AggressiveMatch")]
    public void FastAggressiveMatchThenReplenish() => Fast(_aggressiveBuy, _replenishAsk);

    [Benchmark(Baseline = true, OperationsPerInvoke = 2), BenchmarkCategory("AggressiveMatch")]
    public void ReferenceAggressiveMatchThenReplenish() => Reference(_aggressiveBuy, _replenishAsk);
}
