using Bourse.EngineHost.Publishing;

namespace Bourse.EngineHost.Tests.Publishing;

/// <summary>Through a real ring and processor into the in-process local Event Hubs endpoint, read back with the real consumer.</summary>
public sealed class EventHubsPublisherLocalTests
{
    private static readonly int[] Ids = [1, 2, 3];

    [Fact]
    public async Task Each_instruments_events_land_on_one_partition_in_order_with_their_properties_and_level_changes_on_the_book_hub()
    {
        await using var hubs = await LocalHubs.StartAsync();
        using var directory = new TempDirectory();
        using var books = new JournalledBooks(directory.Path, Ids);
        await using var executions = hubs.Producer(LocalHubs.Executions);
        await using var bookUpdates = hubs.Producer(LocalHubs.BookUpdates);
        var commands = PublishDriver.Commands(Ids, 150);

        using (var pipeline = new PublishPipeline(
            new EventHubsPublisher(executions, bookUpdates, books.Instruments, new ProtobufEventBodyEncoder(), new EventHubsPublisherOptions { CheckpointInterval = TimeSpan.Zero }),
            Ids,
            ringSize: 1 << 12))
        {
            pipeline.Start();
            PublishDriver.Run(books, pipeline.Writer, commands, 0, 150);
            await PublishDriver.DrainAsync(pipeline);
            Assert.True(await pipeline.StopAsync());

            foreach (var id in Ids)
            {
                Assert.Equal(books.LastCommandSequence(id), pipeline.Publisher.GetConfirmedPosition(id).CommandSequence);
                Assert.Equal(books.LastCommandSequence(id), PublishCheckpoint.Load(books.Instrument(id).JournalDirectory).CommandSequence);
            }
        }

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        foreach (var (hub, stream) in new[] { (LocalHubs.Executions, PublishStream.Executions), (LocalHubs.BookUpdates, PublishStream.BookUpdates) })
        {
            var read = await hubs.ReadAllAsync(hub, timeout.Token);
            foreach (var id in Ids)
            {
                var key = books.Instrument(id).PartitionKey;
                var mine = read.Where(m => m.Instrument == key).ToList();
                Assert.Single(mine.Select(m => m.Partition).Distinct());
                Assert.All(mine, m => Assert.Equal(key, m.PartitionKey));
                Assert.Equal(Enumerable.Range(1, mine.Count).Select(i => (long)i), mine.Select(m => m.Sequence));
                Assert.Equal(Dedupe.Expected(books.AllEvents(id), stream, BodyEncoding.Protobuf), mine.Select(m => m.Body));
                Assert.All(mine, m => Assert.Equal(PublishDriver.TraceParentOf(id, m.CommandSequence), m.TraceParent));
            }
        }
    }

    [Fact]
    public async Task After_a_crash_the_commands_after_the_checkpoint_are_republished_and_deduped_by_sequence_they_are_complete_and_in_order()
    {
        await using var hubs = await LocalHubs.StartAsync();
        using var directory = new TempDirectory();
        using var books = new JournalledBooks(directory.Path, Ids);
        await using var executions = hubs.Producer(LocalHubs.Executions);
        await using var bookUpdates = hubs.Producer(LocalHubs.BookUpdates);
        var commands = PublishDriver.Commands(Ids, 200);
        var clock = new Microsoft.Extensions.Time.Testing.FakeTimeProvider();
        var options = new EventHubsPublisherOptions { CheckpointInterval = TimeSpan.FromSeconds(1), TimeProvider = clock };

        // First run: a snapshot early on, checkpoints saved while the clock moves, then not any more (the interval has
        // not passed), then events that never reach the ring: the process dies.
        using (var pipeline = new PublishPipeline(new EventHubsPublisher(executions, bookUpdates, books.Instruments, new ProtobufEventBodyEncoder(), options), Ids, 1 << 12))
        {
            pipeline.Start();
            PublishDriver.Run(books, pipeline.Writer, commands, 0, 30);
            books.Snapshot(2);
            PublishDriver.Run(books, pipeline.Writer, commands, 30, 60);
            await PublishDriver.DrainAsync(pipeline);
            clock.Advance(TimeSpan.FromSeconds(1));
            PublishDriver.Run(books, pipeline.Writer, commands, 60, 80);
            await PublishDriver.DrainAsync(pipeline);
            PublishDriver.Run(books, pipeline.Writer, commands, 80, 140);
            await PublishDriver.DrainAsync(pipeline);
            PublishDriver.Run(books, writer: null, commands, 140, 200);
        }

        foreach (var id in Ids)
        {
            var saved = PublishCheckpoint.Load(books.Instrument(id).JournalDirectory).CommandSequence;
            Assert.InRange(saved, 61, 139);
        }

        // A graceful stop of the matching side would leave a snapshot newer than the checkpoint: the replay must not use it.
        books.Snapshot(3);

        // Restart: each instrument republishes the commands after its checkpoint, regenerated from snapshot + journal.
        using (var pipeline = new PublishPipeline(new EventHubsPublisher(executions, bookUpdates, books.Instruments, new ProtobufEventBodyEncoder(), options), Ids, 1 << 12))
        {
            pipeline.RepublishAfterCheckpoints(Ids.ToDictionary(id => id, books.LastCommandSequence));
            pipeline.Start();
            await PublishDriver.DrainAsync(pipeline);
            Assert.True(await pipeline.StopAsync());
            foreach (var id in Ids)
            {
                Assert.Equal(books.LastCommandSequence(id), pipeline.Publisher.GetCheckpoint(id).CommandSequence);
            }
        }

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        foreach (var (hub, stream) in new[] { (LocalHubs.Executions, PublishStream.Executions), (LocalHubs.BookUpdates, PublishStream.BookUpdates) })
        {
            var read = await hubs.ReadAllAsync(hub, timeout.Token);
            foreach (var id in Ids)
            {
                var mine = read.Where(m => m.Instrument == books.Instrument(id).PartitionKey).ToList();
                var firsts = Dedupe.FirstCopies(mine);
                Assert.True(mine.Count > firsts.Count, "commands between the saved checkpoint and the crash were sent twice");
                Assert.Equal(Enumerable.Range(1, firsts.Count).Select(i => (long)i), firsts.Select(m => m.Sequence));
                Assert.Equal(Dedupe.Expected(books.AllEvents(id), stream, BodyEncoding.Protobuf), firsts.Select(m => m.Body));
            }
        }
    }
}
