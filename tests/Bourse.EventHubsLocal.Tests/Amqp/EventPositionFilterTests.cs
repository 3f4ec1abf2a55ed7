using Bourse.EventHubsLocal.Amqp;
using Bourse.EventHubsLocal.Storage;
using Microsoft.Azure.Amqp.Encoding;
using Microsoft.Azure.Amqp.Framing;

namespace Bourse.EventHubsLocal.Tests.Amqp;

public sealed class EventPositionFilterTests
{
    [Theory]
    [InlineData("amqp.annotation.x-opt-offset > -1", nameof(StartPositionKind.Earliest), 0, true)]
    [InlineData("amqp.annotation.x-opt-offset > '-1'", nameof(StartPositionKind.Earliest), 0, true)]
    [InlineData("amqp.annotation.x-opt-offset > @latest", nameof(StartPositionKind.Latest), 0, false)]
    [InlineData("amqp.annotation.x-opt-offset > '@latest'", nameof(StartPositionKind.Latest), 0, false)]
    [InlineData("amqp.annotation.x-opt-offset > '120'", nameof(StartPositionKind.Offset), 120, false)]
    [InlineData("amqp.annotation.x-opt-offset >= 120", nameof(StartPositionKind.Offset), 120, true)]
    [InlineData("amqp.annotation.x-opt-sequence-number > 5", nameof(StartPositionKind.SequenceNumber), 5, false)]
    [InlineData("AMQP.ANNOTATION.X-OPT-SEQUENCE-NUMBER>='5'", nameof(StartPositionKind.SequenceNumber), 5, true)]
    [InlineData("amqp.annotation.x-opt-enqueued-time > 1700000000000", nameof(StartPositionKind.EnqueuedTime), 1700000000000, false)]
    public void Reads_every_form_the_clients_send(string expression, string kindName, long value, bool inclusive)
    {
        var kind = Enum.Parse<StartPositionKind>(kindName);
        var position = EventPositionFilter.Parse(expression);

        Assert.Equal(kind, position.Kind);
        if (kind is not StartPositionKind.Earliest and not StartPositionKind.Latest)
        {
            Assert.Equal(value, position.Value);
            Assert.Equal(inclusive, position.IsInclusive);
        }
    }

    [Theory]
    [InlineData("")]
    [InlineData("amqp.annotation.x-opt-offset < 5")]
    [InlineData("amqp.annotation.x-opt-partition-key > 5")]
    [InlineData("amqp.annotation.x-opt-sequence-number > five")]
    [InlineData("amqp.annotation.x-opt-sequence-number > @latest")]
    public void Refuses_anything_else(string expression) =>
        Assert.Throws<FormatException>(() => EventPositionFilter.Parse(expression));

    [Fact]
    public void Takes_the_expression_from_the_sources_selector_filter_or_starts_at_the_beginning()
    {
        var source = new Source { FilterSet = new FilterSet() };
        source.FilterSet.Add(new AmqpSymbol(EventPositionFilter.SelectorFilterName),
            new DescribedType(new AmqpSymbol(EventPositionFilter.SelectorFilterName), "amqp.annotation.x-opt-sequence-number >= 7"));

        Assert.Equal(new StartPosition(StartPositionKind.SequenceNumber, 7, true), EventPositionFilter.FromSource(source));
        Assert.Equal(StartPosition.Earliest, EventPositionFilter.FromSource(new Source()));
        Assert.Equal(StartPosition.Earliest, EventPositionFilter.FromSource(null));
    }
}
