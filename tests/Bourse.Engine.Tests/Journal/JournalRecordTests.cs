using System.Buffers.Binary;
using Bourse.Engine.Journal;
using Bourse.Engine.Matching;

namespace Bourse.Engine.Tests.Journal;

/// <summary>Pins the on-disk layout: a change here breaks every journal already written.</summary>
public sealed class JournalRecordTests
{
    private static readonly OrderCommand Sample = OrderCommand.NewOrder(0x0102030405060708, Side.Sell, 12_345, 600, TimeInForce.Post, 42) with { ClientOrderKey = -77 };

    [Fact]
    public void Layout_is_64_little_endian_bytes_with_the_documented_offsets()
    {
        var bytes = JournalTestData.Record(987_654_321, Sample);

        Assert.Equal(64, bytes.Length);
        Assert.Equal("BRCJ"u8.ToArray(), bytes[0..4]);
        Assert.Equal(64, BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(4)));
        Assert.Equal(1, bytes[6]);
        Assert.Equal((byte)CommandType.NewOrder, bytes[7]);
        Assert.Equal(987_654_321, BinaryPrimitives.ReadInt64LittleEndian(bytes.AsSpan(8)));
        Assert.Equal(new byte[] { 8, 7, 6, 5, 4, 3, 2, 1 }, bytes[16..24]);
        Assert.Equal(12_345, BinaryPrimitives.ReadInt64LittleEndian(bytes.AsSpan(24)));
        Assert.Equal(600, BinaryPrimitives.ReadInt64LittleEndian(bytes.AsSpan(32)));
        Assert.Equal(42, BinaryPrimitives.ReadInt64LittleEndian(bytes.AsSpan(40)));
        Assert.Equal((byte)Side.Sell, bytes[48]);
        Assert.Equal((byte)TimeInForce.Post, bytes[49]);
        Assert.Equal(-77, BinaryPrimitives.ReadInt64LittleEndian(bytes.AsSpan(50)));
        Assert.All(bytes[58..60], b => Assert.Equal(0, b));
        Assert.Equal(Crc32C.Compute(bytes.AsSpan(0, 60)), BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(60)));
    }

    [Fact]
    public void Round_trips_arbitrary_field_values()
    {
        var buffer = new byte[64];
        foreach (var command in JournalTestData.ArbitraryCommands(3, 1_000))
        {
            buffer.AsSpan().Fill(0xAB);
            JournalRecord.Write(buffer, 17, command);

            Assert.Equal(JournalRecord.Defect.None, JournalRecord.TryRead(buffer, out var sequence, out var read));
            Assert.Equal(17, sequence);
            Assert.Equal(command, read);
        }
    }

    [Fact]
    public void Any_single_flipped_bit_is_detected()
    {
        var good = JournalTestData.Record(5, Sample);
        for (var bit = 0; bit < 64 * 8; bit++)
        {
            var bad = (byte[])good.Clone();
            bad[bit / 8] ^= (byte)(1 << (bit % 8));
            Assert.NotEqual(JournalRecord.Defect.None, JournalRecord.TryRead(bad, out _, out _));
        }
    }

    [Fact]
    public void Defects_are_classified()
    {
        var good = JournalTestData.Record(5, Sample);
        Assert.Equal(JournalRecord.Defect.Truncated, JournalRecord.TryRead(good.AsSpan(0, 63), out _, out _));
        Assert.Equal(JournalRecord.Defect.Format, JournalRecord.TryRead(new byte[64], out _, out _));

        var badVersion = (byte[])good.Clone();
        badVersion[6] = 2;
        Assert.Equal(JournalRecord.Defect.Format, JournalRecord.TryRead(badVersion, out _, out _));

        var badPayload = (byte[])good.Clone();
        badPayload[30] ^= 1;
        Assert.Equal(JournalRecord.Defect.Checksum, JournalRecord.TryRead(badPayload, out _, out _));
    }
}
