using System.Buffers.Binary;
using Bourse.Engine.Journal;
using Bourse.Engine.Matching;

namespace Bourse.Engine.Tests.Journal;

public sealed class SnapshotStoreTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    private static BookSnapshot Sample(long lastCommandSequence, int orders, int seed = 1)
    {
        var random = new Random(seed);
        var list = new List<RestingOrder>();
        for (var i = 0; i < orders; i++)
        {
            list.Add(new RestingOrder(random.NextInt64(1, long.MaxValue), (Side)(i % 2), random.NextInt64(1, 10_000), random.NextInt64(1, 1_000), random.Next(1, 20), i % 3 == 0));
        }

        const long lastEventSequence = 77_777;
        return new BookSnapshot(9, lastCommandSequence, lastEventSequence, list, BookStateHash.Of(lastEventSequence, list));
    }

    private static void AssertEqual(BookSnapshot expected, BookSnapshot? actual)
    {
        Assert.NotNull(actual);
        Assert.Equal(expected.InstrumentId, actual.InstrumentId);
        Assert.Equal(expected.LastCommandSequence, actual.LastCommandSequence);
        Assert.Equal(expected.LastEventSequence, actual.LastEventSequence);
        Assert.Equal(expected.StateHash, actual.StateHash);
        Assert.Equal(expected.Orders, actual.Orders);
    }

    [Fact]
    public void Writes_and_loads_a_snapshot_named_by_its_command_sequence()
    {
        var store = new SnapshotStore(_temp.Combine("snapshots"));
        var snapshot = Sample(1_234, orders: 5_000);

        var path = store.Write(snapshot);

        Assert.Equal(_temp.Combine("snapshots", "snapshot-000000001234.bin"), path);
        Assert.Equal(48 + (5_000 * 40) + 4, new FileInfo(path).Length);
        Assert.Empty(Directory.GetFiles(store.DirectoryPath, "*.tmp"));

        var loaded = store.LoadNewest();
        Assert.Equal(path, loaded.Path);
        Assert.Empty(loaded.Skipped);
        AssertEqual(snapshot, loaded.Snapshot);
    }

    [Fact]
    public void An_empty_book_round_trips()
    {
        var store = new SnapshotStore(_temp.Path);
        var snapshot = Sample(1, orders: 0);
        store.Write(snapshot);
        AssertEqual(snapshot, store.LoadNewest().Snapshot);
    }

    [Fact]
    public void The_header_layout_is_pinned()
    {
        var store = new SnapshotStore(_temp.Path);
        var bytes = File.ReadAllBytes(store.Write(Sample(42, orders: 1)));

        Assert.Equal("BRSSNAP1"u8.ToArray(), bytes[..8]);
        Assert.Equal(1, BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(8)));
        Assert.Equal(9, BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(12)));
        Assert.Equal(42, BinaryPrimitives.ReadInt64LittleEndian(bytes.AsSpan(16)));
        Assert.Equal(77_777, BinaryPrimitives.ReadInt64LittleEndian(bytes.AsSpan(24)));
        Assert.Equal(1, BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(40)));
        Assert.Equal(Crc32C.Compute(bytes.AsSpan(0, bytes.Length - 4)), BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(bytes.Length - 4)));
    }

    public static TheoryData<string> Damages() => ["flipped byte in an order", "flipped byte in the header", "truncated", "extended", "empty", "renamed"];

    [Theory]
    [MemberData(nameof(Damages))]
    public void A_damaged_newest_snapshot_falls_back_to_the_previous_one(string damage)
    {
        var store = new SnapshotStore(_temp.Path);
        var older = Sample(100, orders: 50, seed: 1);
        store.Write(older);
        var newestPath = store.Write(Sample(200, orders: 60, seed: 2));
        var bytes = File.ReadAllBytes(newestPath);

        switch (damage)
        {
            case "flipped byte in an order": bytes[48 + 40 + 3] ^= 0x10; break;
            case "flipped byte in the header": bytes[20] ^= 0x01; break;
            case "truncated": bytes = bytes[..^7]; break;
            case "extended": bytes = [.. bytes, 0]; break;
            case "empty": bytes = []; break;
            default:
                File.Move(newestPath, Path.Combine(_temp.Path, "snapshot-000000000300.bin"));
                newestPath = Path.Combine(_temp.Path, "snapshot-000000000300.bin");
                break;
        }

        File.WriteAllBytes(newestPath, bytes);

        var loaded = store.LoadNewest();

        AssertEqual(older, loaded.Snapshot);
        var skipped = Assert.Single(loaded.Skipped);
        Assert.Equal(newestPath, skipped.Path);
        Assert.False(string.IsNullOrWhiteSpace(skipped.Reason));
    }

    [Fact]
    public void Orders_that_do_not_hash_to_the_stored_hash_are_rejected()
    {
        var good = Sample(5, orders: 3);
        var store = new SnapshotStore(_temp.Path);
        store.Write(new BookSnapshot(good.InstrumentId, 5, good.LastEventSequence, good.Orders, good.StateHash + 1));

        var loaded = store.LoadNewest();

        Assert.Null(loaded.Snapshot);
        Assert.Contains("hash", Assert.Single(loaded.Skipped).Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void No_snapshot_loads_nothing_and_temporary_files_are_ignored()
    {
        var store = new SnapshotStore(_temp.Path);
        File.WriteAllBytes(Path.Combine(_temp.Path, "snapshot-000000000009.bin.tmp"), [1, 2, 3]);

        var loaded = store.LoadNewest();

        Assert.Null(loaded.Snapshot);
        Assert.Null(loaded.Path);
        Assert.Empty(loaded.Skipped);
    }

    [Fact]
    public void Rewriting_a_sequence_replaces_the_file_whole()
    {
        var store = new SnapshotStore(_temp.Path);
        store.Write(Sample(10, orders: 100, seed: 1));
        var second = Sample(10, orders: 3, seed: 2);
        store.Write(second);

        AssertEqual(second, store.LoadNewest().Snapshot);
        Assert.Single(store.ListFiles());
    }

    [Fact]
    public void Keeps_only_the_newest_when_asked()
    {
        var store = new SnapshotStore(_temp.Path);
        foreach (var sequence in new[] { 30L, 10, 20, 40 })
        {
            store.Write(Sample(sequence, orders: 1));
        }

        Assert.Equal(2, store.DeleteAllButNewest(2));
        Assert.Equal(["snapshot-000000000040.bin", "snapshot-000000000030.bin"], store.ListFiles().Select(Path.GetFileName));
    }

    [Fact]
    public void Captures_a_live_book()
    {
        var events = new EventBuffer();
        var book = new OrderBook(new InstrumentSpec(3), events);
        var generator = new BookCommandGenerator(seed: 8);
        for (var sequence = 1; sequence <= 2_000; sequence++)
        {
            book.Process(generator.Next(), sequence);
            events.Clear();
        }

        var snapshot = BookSnapshot.Capture(book, 2_000);

        Assert.Equal(3, snapshot.InstrumentId);
        Assert.Equal(book.LastEventSequence, snapshot.LastEventSequence);
        Assert.Equal(book.GetOrders(), snapshot.Orders);
        Assert.Equal(book.ComputeStateHash(), snapshot.StateHash);
        Assert.True(snapshot.IsConsistent());
        Assert.NotEmpty(snapshot.Orders);
    }
}
