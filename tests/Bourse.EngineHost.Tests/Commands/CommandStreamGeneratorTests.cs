using Bourse.Engine.Matching;
using Bourse.EngineHost.Commands;

namespace Bourse.EngineHost.Tests.Commands;

public sealed class CommandStreamGeneratorTests
{
    private const int MixSample = 200_000;

    // One 200,000-command stream shared by the tests that only read it.
    private static readonly Lazy<(OrderCommand[] Commands, CommandStreamGenerator Generator)> Sample = new(() =>
    {
        var generator = new CommandStreamGenerator(seed: 2024);
        var commands = new OrderCommand[MixSample];
        for (int i = 0; i < commands.Length; i++)
        {
            commands[i] = generator.Next();
        }

        return (commands, generator);
    });

    [Fact]
    public void The_same_seed_gives_the_same_bytes()
    {
        Assert.Equal(Bytes(seed: 17, count: 30_000), Bytes(seed: 17, count: 30_000));
    }

    [Fact]
    public void Different_seeds_give_different_streams()
    {
        Assert.NotEqual(Bytes(seed: 17, count: 30_000), Bytes(seed: 18, count: 30_000));
        Assert.NotEqual(Bytes(seed: 0, count: 30_000), Bytes(seed: -1, count: 30_000));
    }

    [Fact]
    public void A_shorter_stream_is_a_prefix_of_a_longer_one()
    {
        OrderCommand[] longer = CommandStreamGenerator.Generate(seed: 9, count: 20_000);

        Assert.Equal(longer[..5_000], CommandStreamGenerator.Generate(seed: 9, count: 5_000));
    }

    [Fact]
    public void The_book_is_filled_with_passive_gtc_orders_first()
    {
        OrderCommand[] commands = Sample.Value.Commands;

        Assert.All(commands[..CommandStreamGenerator.TargetRestingOrders], c =>
        {
            Assert.Equal(CommandType.NewOrder, c.Type);
            Assert.Equal(TimeInForce.Gtc, c.TimeInForce);
        });
    }

    [Fact]
    public void The_mix_is_near_the_targets()
    {
        OrderCommand[] commands = Sample.Value.Commands[CommandStreamGenerator.TargetRestingOrders..];

        double Share(Func<OrderCommand, bool> predicate) => (double)commands.Count(predicate) / commands.Length;
        bool New(OrderCommand c, TimeInForce tif) => c.Type == CommandType.NewOrder && c.TimeInForce == tif;

        Assert.InRange(Share(c => c.Type == CommandType.Replace), 0.78, 0.84);
        Assert.InRange(Share(c => c.Type == CommandType.Cancel), 0.045, 0.07);
        Assert.InRange(Share(c => New(c, TimeInForce.Gtc)), 0.08, 0.105);
        Assert.InRange(Share(c => New(c, TimeInForce.Ioc)), 0.025, 0.035);
        Assert.InRange(Share(c => New(c, TimeInForce.Day)), 0.003, 0.005);
        Assert.InRange(Share(c => New(c, TimeInForce.Fok)), 0.003, 0.005);
        Assert.InRange(Share(c => New(c, TimeInForce.Post)), 0.003, 0.005);
        Assert.InRange(Share(c => c.Type == CommandType.Market), 0.003, 0.005);
        Assert.DoesNotContain(commands, c => c.Type == CommandType.EndOfSession);
    }

    [Fact]
    public void Values_are_in_their_ranges_and_new_ids_are_fresh()
    {
        OrderCommand[] commands = Sample.Value.Commands;
        long lastNewId = 0;
        var issued = new HashSet<long>();
        foreach (OrderCommand c in commands)
        {
            switch (c.Type)
            {
                case CommandType.NewOrder or CommandType.Market:
                    Assert.Equal(lastNewId + 1, c.OrderId);
                    lastNewId = c.OrderId;
                    issued.Add(c.OrderId);
                    Assert.InRange(c.Quantity, 1, CommandStreamGenerator.MaxQuantity);
                    Assert.InRange(c.AccountId, 1, CommandStreamGenerator.Accounts);
                    if (c.Type == CommandType.NewOrder)
                    {
                        Assert.True(c.Price > 0);
                    }

                    break;
                case CommandType.Replace:
                    Assert.True(issued.Contains(c.OrderId), $"{c} refers to an id never issued");
                    Assert.True(c.Price > 0);
                    Assert.InRange(c.Quantity, 1, CommandStreamGenerator.MaxQuantity);
                    break;
                default:
                    Assert.True(issued.Contains(c.OrderId), $"{c} refers to an id never issued");
                    break;
            }
        }
    }

    [Fact]
    public void The_book_stays_near_its_target_with_trades_and_only_the_intended_rejections()
    {
        (_, CommandStreamGenerator generator) = Sample.Value;
        GeneratorBook book = generator.Book;

        Assert.InRange(book.Count, 900, 1_100);
        Assert.InRange(book.BidLevels + book.AskLevels, 600, 900);
        Assert.InRange((double)book.CommandsWithTrades / MixSample, 0.05, 0.20);
        Assert.InRange(generator.InvalidGenerated, 1, MixSample / 1_000);
        Assert.Equal(generator.InvalidGenerated, book.Rejected);
        Assert.True(book.TryGetBestPrice(Side.Buy, out var bestBid) && book.TryGetBestPrice(Side.Sell, out var bestAsk) && bestBid < bestAsk);
    }

    [Fact]
    public void Writing_streams_the_same_commands_as_the_array()
    {
        using var stream = new MemoryStream();
        using (var writer = new CommandStreamWriter(stream, leaveOpen: true))
        {
            CommandStreamGenerator.Generate(seed: 4, count: 10_000L, writer);
        }

        Assert.Equal(CommandStreamGenerator.Generate(seed: 4, count: 10_000), CommandStreamReader.ReadAll(new MemoryStream(stream.ToArray())));
    }

    private static byte[] Bytes(long seed, int count)
    {
        using var stream = new MemoryStream();
        CommandStreamWriter.WriteAll(stream, CommandStreamGenerator.Generate(seed, count));
        return stream.ToArray();
    }
}
