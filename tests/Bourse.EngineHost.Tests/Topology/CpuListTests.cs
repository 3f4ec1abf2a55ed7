using Bourse.EngineHost.Topology;

namespace Bourse.EngineHost.Tests.Topology;

public sealed class CpuListTests
{
    [Theory]
    [InlineData("0", new[] { 0 })]
    [InlineData("5", new[] { 5 })]
    [InlineData("0-3", new[] { 0, 1, 2, 3 })]
    [InlineData("0-3,8-11", new[] { 0, 1, 2, 3, 8, 9, 10, 11 })]
    [InlineData("0,2,4,6", new[] { 0, 2, 4, 6 })]
    [InlineData("1,3-4,7", new[] { 1, 3, 4, 7 })]
    [InlineData("2-2", new[] { 2 })]
    [InlineData("0-1\n", new[] { 0, 1 })]
    [InlineData("  0-1 , 4 \r\n", new[] { 0, 1, 4 })]
    [InlineData("8-9,0-1,1", new[] { 0, 1, 8, 9 })]
    [InlineData("", new int[0])]
    [InlineData("\n", new int[0])]
    public void Parses_single_cpus_ranges_and_mixes_ascending(string text, int[] expected) =>
        Assert.Equal(expected, CpuList.Parse(text));

    [Theory]
    [InlineData("a", "'a' is not a CPU id")]
    [InlineData("0-", "an item is empty")]
    [InlineData("-1", "an item is empty")]
    [InlineData("0,,1", "an item is empty")]
    [InlineData("0,", "an item is empty")]
    [InlineData("3-1", "range '3-1' ends before it starts")]
    [InlineData("0-3:2/4", "'3:2/4' is not a CPU id")]
    [InlineData("0x1", "'0x1' is not a CPU id")]
    [InlineData("1 2", "'1 2' is not a CPU id")]
    [InlineData("0-99999", "CPU 99999 is above 65535")]
    [InlineData("0-1-2", "'1-2' is not a CPU id")]
    public void Malformed_text_is_an_error_quoting_it(string text, string why)
    {
        var e = Assert.Throws<FormatException>(() => CpuList.Parse(text));

        Assert.Equal($"'{text.Trim()}' is not a CPU list like 0-3,8-11: {why}", e.Message);
    }

    [Theory]
    [InlineData(new int[0], "")]
    [InlineData(new[] { 3 }, "3")]
    [InlineData(new[] { 0, 1, 2, 3, 8, 9, 10, 11 }, "0-3,8-11")]
    [InlineData(new[] { 6, 4, 2, 0, 2 }, "0,2,4,6")]
    [InlineData(new[] { 1, 2, 4 }, "1-2,4")]
    public void Formats_the_shortest_list(int[] cpus, string expected) => Assert.Equal(expected, CpuList.Format(cpus));

    [Theory]
    [InlineData("0-3,8-11")]
    [InlineData("0,2,4,6")]
    [InlineData("1-2,4,6-7")]
    public void Format_inverts_parse(string text) => Assert.Equal(text, CpuList.Format(CpuList.Parse(text)));
}
