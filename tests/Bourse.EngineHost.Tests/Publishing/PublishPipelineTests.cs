using Bourse.EngineHost.Publishing;
using Microsoft.Extensions.Time.Testing;

namespace Bourse.EngineHost.Tests.Publishing;

public sealed class PublishPipelineTests : IDisposable
{
    private readonly TempDirectory _directory = new();
    private readonly JournalledBooks _books;
    private readonly FakeTimeProvider _clock = new();

    public PublishPipelineTests() => _books = new JournalledBooks(_directory.Path, 1, 2);

    [Fact]
    public void At_start_up_only_the_commands_after_each_checkpoint_are_asked_for_again()
    {
        PublishCheckpoint.Load(_books.Instrument(1).JournalDirectory).Save(new PublishPosition(5, 3, 2));
        using var pipeline = Pipeline();

        pipeline.RepublishAfterCheckpoints(new Dictionary<int, long> { [1] = 9, [2] = 0 });

        Assert.Equal(0, pipeline.Ring.Cursor);
        var marker = pipeline.Ring[0];
        Assert.Equal(PublishSlotKind.Gap, marker.Kind);
        Assert.Equal(1, marker.InstrumentId);
        Assert.Equal(6, marker.CommandSequence);
        Assert.Equal(9, marker.GapLastCommandSequence);
    }

    [Fact]
    public void A_checkpoint_past_the_end_of_its_journal_stops_the_start()
    {
        PublishCheckpoint.Load(_books.Instrument(2).JournalDirectory).Save(new PublishPosition(12, 1, 1));
        using var pipeline = Pipeline();

        var error = Assert.Throws<InvalidOperationException>(() => pipeline.RepublishAfterCheckpoints(new Dictionary<int, long> { [2] = 10 }));
        Assert.Contains("journal ends at 10", error.Message, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        _books.Dispose();
        _directory.Dispose();
    }

    private PublishPipeline Pipeline() => new(
        new EventHubsPublisher(
            new FakeProducer("executions", _clock).Object,
            new FakeProducer("book-updates", _clock).Object,
            _books.Instruments,
            new ProtobufEventBodyEncoder(),
            new EventHubsPublisherOptions { TimeProvider = _clock }),
        _books.InstrumentIds,
        ringSize: 16);
}
