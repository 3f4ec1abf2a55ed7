using System.Text;
using Bourse.Engine.Matching;
using Bourse.EngineHost.Commands;

namespace Bourse.EngineHost.Tests.Commands;

public sealed class CommandStreamWriterTests
{
    [Fact]
    public void Writes_the_header_then_one_line_per_command_with_lf_line_ends()
    {
        string text = Write(
            OrderCommand.NewOrder(1, Side.Buy, 10050, 7, TimeInForce.Gtc, 42),
            OrderCommand.NewOrder(2, Side.Sell, 10051, 8, TimeInForce.Day, 43),
            OrderCommand.NewOrder(3, Side.Buy, 10052, 9, TimeInForce.Ioc, 44),
            OrderCommand.NewOrder(4, Side.Sell, 10053, 10, TimeInForce.Fok, 45),
            OrderCommand.NewOrder(5, Side.Buy, 10054, 11, TimeInForce.Post, 46),
            OrderCommand.MarketOrder(6, Side.Sell, 12, 47),
            OrderCommand.Cancel(1),
            OrderCommand.Replace(2, 10060, 3));

        Assert.Equal(
            "# bourse-commands v1\n" +
            "N,1,B,10050,7,GTC,42\n" +
            "N,2,S,10051,8,DAY,43\n" +
            "N,3,B,10052,9,IOC,44\n" +
            "N,4,S,10053,10,FOK,45\n" +
            "N,5,B,10054,11,POST,46\n" +
            "M,6,S,12,47\n" +
            "C,1\n" +
            "R,2,10060,3\n",
            text);
    }

    [Fact]
    public void An_empty_stream_is_the_header()
    {
        Assert.Equal("# bourse-commands v1\n", Write());
    }

    [Fact]
    public void Extreme_numbers_fit_and_round_trip()
    {
        OrderCommand[] commands =
        [
            OrderCommand.NewOrder(long.MinValue, Side.Sell, long.MinValue, long.MinValue, TimeInForce.Post, long.MinValue),
            OrderCommand.MarketOrder(long.MaxValue, Side.Buy, long.MaxValue, long.MaxValue),
            OrderCommand.Replace(0, -1, 0),
        ];

        Assert.Equal(commands, CommandStreamReader.Parse(Encoding.UTF8.GetBytes(Write(commands))));
    }

    [Fact]
    public void An_end_of_session_has_no_v1_form_and_nothing_is_written_for_it()
    {
        using var stream = new MemoryStream();
        using (var writer = new CommandStreamWriter(stream, leaveOpen: true))
        {
            writer.Write(OrderCommand.Cancel(1));

            ArgumentException e = Assert.Throws<ArgumentException>(() => writer.Write(OrderCommand.EndOfSession()));

            Assert.Equal("command", e.ParamName);
            Assert.Equal(1, writer.CommandsWritten);
        }

        Assert.Equal("# bourse-commands v1\nC,1\n", Encoding.UTF8.GetString(stream.ToArray()));
    }

    [Fact]
    public void Undefined_enum_values_are_refused()
    {
        using var writer = new CommandStreamWriter(new MemoryStream());

        Assert.Throws<ArgumentOutOfRangeException>(() => writer.Write(OrderCommand.NewOrder(1, (Side)7, 1, 1, TimeInForce.Gtc, 1)));
        Assert.Throws<ArgumentOutOfRangeException>(() => writer.Write(OrderCommand.NewOrder(1, Side.Buy, 1, 1, (TimeInForce)9, 1)));
        Assert.Throws<ArgumentOutOfRangeException>(() => writer.Write(OrderCommand.MarketOrder(1, (Side)2, 1, 1)));
        Assert.Throws<ArgumentOutOfRangeException>(() => writer.Write(new OrderCommand { Type = (CommandType)99 }));
        Assert.Equal(0, writer.CommandsWritten);
    }

    [Fact]
    public void A_generated_stream_round_trips_exactly_across_many_buffers()
    {
        OrderCommand[] generated = CommandStreamGenerator.Generate(seed: 3, count: 100_000);
        using var first = new MemoryStream();
        CommandStreamWriter.WriteAll(first, generated);

        OrderCommand[] read = CommandStreamReader.ReadAll(new MemoryStream(first.ToArray()));
        using var second = new MemoryStream();
        CommandStreamWriter.WriteAll(second, read);

        Assert.Equal(generated, read);
        Assert.Equal(first.ToArray(), second.ToArray());
    }

    [Fact]
    public void Dispose_flushes_and_closes_unless_asked_to_leave_open()
    {
        var kept = new MemoryStream();
        using (var writer = new CommandStreamWriter(kept, leaveOpen: true))
        {
            writer.Write(OrderCommand.Cancel(9));
        }

        var closed = new MemoryStream();
        new CommandStreamWriter(closed).Dispose();

        Assert.Equal("# bourse-commands v1\nC,9\n", Encoding.UTF8.GetString(kept.ToArray()));
        Assert.True(kept.CanWrite);
        Assert.False(closed.CanWrite);
    }

    [Fact]
    public void Writes_a_file()
    {
        string path = Path.GetTempFileName();
        try
        {
            CommandStreamWriter.WriteAll(path, [OrderCommand.Replace(4, 5, 6)]);

            Assert.Equal("# bourse-commands v1\nR,4,5,6\n", File.ReadAllText(path));
        }
        finally
        {
            File.Delete(path);
        }
    }

    private static string Write(params OrderCommand[] commands)
    {
        using var stream = new MemoryStream();
        CommandStreamWriter.WriteAll(stream, commands);
        return Encoding.UTF8.GetString(stream.ToArray());
    }
}
