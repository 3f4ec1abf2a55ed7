using System.Text;
using Bourse.Engine.Journal;

namespace Bourse.Engine.Tests.Journal;

public sealed class Crc32CTests
{
    [Fact]
    public void Matches_the_standard_check_value() =>
        Assert.Equal(0xE3069283u, Crc32C.Compute(Encoding.ASCII.GetBytes("123456789")));

    [Fact]
    public void Empty_input_is_zero() => Assert.Equal(0u, Crc32C.Compute([]));

    [Fact]
    public void Updating_in_pieces_equals_computing_at_once()
    {
        var data = new byte[1_000];
        new Random(5).NextBytes(data);
        foreach (var split in new[] { 0, 1, 3, 7, 8, 9, 500, 999, 1_000 })
        {
            var crc = Crc32C.Update(~0u, data.AsSpan(0, split));
            crc = Crc32C.Update(crc, data.AsSpan(split));
            Assert.Equal(Crc32C.Compute(data), ~crc);
        }
    }
}
