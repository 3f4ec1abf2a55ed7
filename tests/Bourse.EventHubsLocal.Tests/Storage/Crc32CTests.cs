using System.Text;
using Bourse.EventHubsLocal.Storage;

namespace Bourse.EventHubsLocal.Tests.Storage;

public sealed class Crc32CTests
{
    [Fact]
    public void Matches_the_standard_check_value() =>
        // The CRC-32C check value: the checksum of "123456789" (RFC 3720 and every CRC catalogue).
        Assert.Equal(0xE3069283u, Crc32C.Compute(Encoding.ASCII.GetBytes("123456789")));

    [Fact]
    public void Appending_in_parts_equals_computing_at_once()
    {
        var data = Encoding.ASCII.GetBytes("The quick brown fox");
        Assert.Equal(Crc32C.Compute(data), Crc32C.Append(Crc32C.Compute(data.AsSpan(0, 7)), data.AsSpan(7)));
    }
}
