namespace Bourse.EventHubsLocal.Tests;

public sealed class EventHubDefinitionTests
{
    [Fact]
    public void Defaults_to_four_partitions_and_no_extra_consumer_group()
    {
        var definition = new EventHubDefinition("executions");

        Assert.Equal(4, definition.PartitionCount);
        Assert.Empty(definition.ConsumerGroups);
    }

    [Theory]
    [InlineData("executions", "executions", 4, "")]
    [InlineData("executions:8", "executions", 8, "")]
    [InlineData("book-updates:2:settlement,audit", "book-updates", 2, "settlement,audit")]
    [InlineData("a.b_c:1:$Default", "a.b_c", 1, "$Default")]
    public void Parses_the_command_line_form(string text, string name, int partitions, string groups)
    {
        var definition = EventHubDefinition.Parse(text);

        Assert.Equal(name, definition.Name);
        Assert.Equal(partitions, definition.PartitionCount);
        Assert.Equal(groups.Split(',', StringSplitOptions.RemoveEmptyEntries), definition.ConsumerGroups);
        Assert.Equal(text.Contains(':', StringComparison.Ordinal) ? text : $"{text}:4", definition.ToString());
    }

    [Theory]
    [InlineData("")]
    [InlineData("-bad")]
    [InlineData("has space")]
    [InlineData("hub:0")]
    [InlineData("hub:1025")]
    [InlineData("hub:four")]
    [InlineData("hub:4:bad group")]
    [InlineData("hub:4:a:b")]
    public void Refuses_what_the_service_would(string text) => Assert.Throws<FormatException>(() => EventHubDefinition.Parse(text));
}
