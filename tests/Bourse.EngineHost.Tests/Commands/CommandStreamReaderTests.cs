using System.Text;
using Bourse.Engine.Matching;
using Bourse.EngineHost.Commands;

namespace Bourse.EngineHost.Tests.Commands;

public sealed class CommandStreamReaderTests
{
    private const string Header = "# bourse-commands v1\n";

    [Fact]
    public void Parses_every_command_type_and_time_in_force()
    {
        OrderCommand[] commands = Parse(Header + """
            N,1,B,10050,7,GTC,42
            N,2,S,10051,8,DAY,43
            N,3,B,10052,9,IOC,44
            N,4,S,10053,10,FOK,45
            N,5,B,10054,11,POST,46
            M,6,S,12,47
            C,1
            R,2,10060,3
            """);

        Assert.Equal(
            [
                OrderCommand.NewOrder(1, Side.Buy, 10050, 7, TimeInForce.Gtc, 42),
                OrderCommand.NewOrder(2, Side.Sell, 10051, 8, TimeInForce.Day, 43),
                OrderCommand.NewOrder(3, Side.Buy, 10052, 9, TimeInForce.Ioc, 44),
                OrderCommand.NewOrder(4, Side.Sell, 10053, 10, TimeInForce.Fok, 45),
                OrderCommand.NewOrder(5, Side.Buy, 10054, 11, TimeInForce.Post, 46),
                OrderCommand.MarketOrder(6, Side.Sell, 12, 47),
                OrderCommand.Cancel(1),
                OrderCommand.Replace(2, 10060, 3),
            ],
            commands);
    }

    [Fact]
    public void Zero_negative_and_extreme_numbers_are_syntax_the_engine_judges()
    {
        OrderCommand[] commands = Parse(Header + "N,-1,B,0,-5,GTC,+7\nR,9223372036854775807,-9223372036854775808,0\n");

        Assert.Equal(
            [
                OrderCommand.NewOrder(-1, Side.Buy, 0, -5, TimeInForce.Gtc, 7),
                OrderCommand.Replace(long.MaxValue, long.MinValue, 0),
            ],
            commands);
    }

    [Theory]
    [InlineData("0", 0L)]
    [InlineData("-0", 0L)]
    [InlineData("+5", 5L)]
    [InlineData("007", 7L)]
    [InlineData("123456789012345678", 123456789012345678L)]
    [InlineData("1234567890123456789", 1234567890123456789L)]
    [InlineData("9223372036854775807", long.MaxValue)]
    [InlineData("-9223372036854775808", long.MinValue)]
    [InlineData("000000000000000000000000042", 42L)]
    public void Parses_integers_of_every_length(string text, long expected)
    {
        Assert.Equal([OrderCommand.Cancel(expected), OrderCommand.Replace(expected, expected, expected)], Parse(Header + $"C,{text}\nR,{text},{text},{text}\n"));
    }

    [Theory]
    [InlineData("9223372036854775808", "is outside the signed 64-bit range")]
    [InlineData("-9223372036854775809", "is outside the signed 64-bit range")]
    [InlineData("99999999999999999999999", "is outside the signed 64-bit range")]
    [InlineData("99999999999999999999x", "is not an integer")]
    [InlineData("12a", "is not an integer")]
    [InlineData(" 1", "is not an integer")]
    [InlineData("1 ", "is not an integer")]
    [InlineData("--1", "is not an integer")]
    [InlineData("+", "is not an integer")]
    [InlineData("1e3", "is not an integer")]
    public void Refuses_what_is_not_a_64_bit_integer(string text, string problem)
    {
        CommandStreamFormatException e = Assert.Throws<CommandStreamFormatException>(() => Parse(Header + $"R,1,{text},1\n"));

        Assert.Equal($"line 2: field 3 (newPriceTicks) {problem}: '{text}'", e.Message);
    }

    [Fact]
    public void Skips_blank_and_comment_lines_after_the_header()
    {
        OrderCommand[] commands = Parse(Header + "\n# a comment\nC,1\n   \n\t# indented comment\nC,2\n\n");

        Assert.Equal([OrderCommand.Cancel(1), OrderCommand.Cancel(2)], commands);
    }

    [Fact]
    public void Accepts_crlf_line_ends_surrounding_spaces_and_no_final_newline()
    {
        OrderCommand[] commands = Parse("# bourse-commands v1\r\nC,1\r\n  C,2  \r\nC,3");

        Assert.Equal([OrderCommand.Cancel(1), OrderCommand.Cancel(2), OrderCommand.Cancel(3)], commands);
    }

    [Fact]
    public void A_header_alone_is_an_empty_stream()
    {
        Assert.Empty(Parse("# bourse-commands v1"));
        Assert.Empty(Parse(Header));
    }

    [Theory]
    [InlineData("", 1, "line 1: missing header '# bourse-commands v1', found ''")]
    [InlineData("C,1\n", 1, "line 1: missing header '# bourse-commands v1', found 'C,1'")]
    [InlineData("# some other file\nC,1\n", 1, "line 1: missing header")]
    [InlineData("# bourse-commands v2\nC,1\n", 1, "line 1: unsupported header '# bourse-commands v2', expected '# bourse-commands v1'")]
    [InlineData(Header + "C,1\nX,2\n", 3, "line 3: field 1 (command) is not one of N, M, C, R: 'X'")]
    [InlineData(Header + "n,1,B,1,1,GTC,1\n", 2, "line 2: field 1 (command) is not one of N, M, C, R: 'n'")]
    [InlineData(Header + "NN,1,B,1,1,GTC,1\n", 2, "field 1 (command) is not one of N, M, C, R: 'NN'")]
    [InlineData(Header + "N,1,B,1,1,GTC\n", 2, "line 2: a 'N' command has 7 fields (N,orderId,side,priceTicks,qty,tif,accountId), found 6")]
    [InlineData(Header + "N,1,B,1,1,GTC,1,9\n", 2, "a 'N' command has 7 fields (N,orderId,side,priceTicks,qty,tif,accountId), found 8")]
    [InlineData(Header + "M,1,B,5\n", 2, "a 'M' command has 5 fields (M,orderId,side,qty,accountId), found 4")]
    [InlineData(Header + "C\n", 2, "a 'C' command has 2 fields (C,orderId), found 1")]
    [InlineData(Header + "C,1,2\n", 2, "a 'C' command has 2 fields (C,orderId), found 3")]
    [InlineData(Header + "R,1,2\n", 2, "a 'R' command has 4 fields (R,orderId,newPriceTicks,newQty), found 3")]
    [InlineData(Header + "N,1,X,1,1,GTC,1\n", 2, "line 2: field 3 (side) is not B or S: 'X'")]
    [InlineData(Header + "M,1,b,1,1\n", 2, "line 2: field 3 (side) is not B or S: 'b'")]
    [InlineData(Header + "N,1,BS,1,1,GTC,1\n", 2, "field 3 (side) is not B or S: 'BS'")]
    [InlineData(Header + "N,1,B,1,1,GTD,1\n", 2, "line 2: field 6 (tif) is not one of GTC, DAY, IOC, FOK, POST: 'GTD'")]
    [InlineData(Header + "N,1,B,1,1,gtc,1\n", 2, "field 6 (tif) is not one of GTC, DAY, IOC, FOK, POST: 'gtc'")]
    [InlineData(Header + "N,x,B,1,1,GTC,1\n", 2, "line 2: field 2 (orderId) is not an integer: 'x'")]
    [InlineData(Header + "N,1,B,1.5,1,GTC,1\n", 2, "line 2: field 4 (priceTicks) is not an integer: '1.5'")]
    [InlineData(Header + "N,1,B,1,,GTC,1\n", 2, "line 2: field 5 (qty) is not an integer: ''")]
    [InlineData(Header + "N,1,B,1,1,GTC,1 2\n", 2, "line 2: field 7 (accountId) is not an integer: '1 2'")]
    [InlineData(Header + "M,1,B,1,-\n", 2, "line 2: field 5 (accountId) is not an integer: '-'")]
    [InlineData(Header + "C,9223372036854775808\n", 2, "line 2: field 2 (orderId) is outside the signed 64-bit range: '9223372036854775808'")]
    [InlineData(Header + "R,1,x2,3\n", 2, "line 2: field 3 (newPriceTicks) is not an integer: 'x2'")]
    [InlineData(Header + "R,1,2,0x3\n", 2, "line 2: field 4 (newQty) is not an integer: '0x3'")]
    public void A_malformed_stream_names_the_line_and_the_field(string text, long line, string message)
    {
        CommandStreamFormatException e = Assert.Throws<CommandStreamFormatException>(() => Parse(text));

        Assert.Equal(line, e.LineNumber);
        Assert.Contains(message, e.Message, StringComparison.Ordinal);
        Assert.StartsWith($"line {line}: ", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Line_numbers_count_blank_and_comment_lines()
    {
        var text = new StringBuilder(Header);
        for (int i = 2; i <= 16; i++)
        {
            text.Append(i % 3 == 0 ? "# comment\n" : i % 5 == 0 ? "\n" : $"C,{i}\n");
        }

        text.Append("M,17,B,x1,3\nC,18\n");

        CommandStreamFormatException e = Assert.Throws<CommandStreamFormatException>(() => Parse(text.ToString()));

        Assert.Equal(17, e.LineNumber);
        Assert.Equal("line 17: field 4 (qty) is not an integer: 'x1'", e.Message);
    }

    [Fact]
    public void A_long_bad_value_is_quoted_shortened()
    {
        string value = new('x', 100);

        CommandStreamFormatException e = Assert.Throws<CommandStreamFormatException>(() => Parse(Header + $"C,{value}\n"));

        Assert.Equal($"line 2: field 2 (orderId) is not an integer: '{new string('x', 40)}...'", e.Message);
    }

    [Fact]
    public void Path_stream_and_text_reader_overloads_agree()
    {
        OrderCommand[] generated = CommandStreamGenerator.Generate(seed: 5, count: 2_000);
        var bytes = new MemoryStream();
        CommandStreamWriter.WriteAll(bytes, generated);
        string path = Path.GetTempFileName();
        try
        {
            File.WriteAllBytes(path, bytes.ToArray());

            Assert.Equal(generated, CommandStreamReader.ReadAll(path));
            Assert.Equal(generated, CommandStreamReader.ReadAll(new MemoryStream(bytes.ToArray())));
            Assert.Equal(generated, CommandStreamReader.ReadAll(new StringReader(Encoding.UTF8.GetString(bytes.ToArray()))));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Agrees_with_the_naive_parser_on_a_generated_stream_with_comments()
    {
        var text = new StringBuilder();
        using (var bytes = new MemoryStream())
        {
            CommandStreamWriter.WriteAll(bytes, CommandStreamGenerator.Generate(seed: 11, count: 50_000));
            text.Append(Encoding.UTF8.GetString(bytes.ToArray()));
        }

        text.Replace("\nC,", "\n# cancel next\n\nC,");

        OrderCommand[]? naive = NaiveCommandStreamParser.Parse(text.ToString());

        Assert.NotNull(naive);
        Assert.Equal(naive, Parse(text.ToString()));
    }

    private static OrderCommand[] Parse(string text) => CommandStreamReader.Parse(Encoding.UTF8.GetBytes(text));
}
