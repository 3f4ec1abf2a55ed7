using Bourse.EventHubsLocal.Hosting;

namespace Bourse.EventHubsLocal.Tests.Hosting;

public sealed class EventHubsLocalCommandTests
{
    [Fact]
    public void Parses_port_data_hubs_and_flush()
    {
        var options = EventHubsLocalCommand.Parse(["--port", "5673", "--data", ".data/eventhubs", "--hub", "executions:4", "--hub", "book-updates:2:audit", "--flush"]);

        Assert.Equal(5673, options.Port);
        Assert.Equal(".data/eventhubs", options.DataDirectory);
        Assert.Equal(["executions:4", "book-updates:2:audit"], options.Hubs.Select(h => h.ToString()));
        Assert.True(options.FlushToDisk);
    }

    [Fact]
    public void Listens_on_the_amqp_port_unless_told_otherwise() =>
        Assert.Equal(5672, EventHubsLocalCommand.Parse(["--data", "d", "--hub", "h"]).Port);

    [Theory]
    [InlineData("--data", "d")]
    [InlineData("--hub", "h")]
    [InlineData("--data", "d", "--hub", "h", "--port")]
    [InlineData("--data", "d", "--hub", "h", "--port", "x")]
    [InlineData("--data", "d", "--hub", "h", "--verbose")]
    [InlineData("--data", "d", "--hub", "h:0")]
    public void Refuses_incomplete_or_unknown_arguments(params string[] args)
    {
        var error = Record.Exception(() => EventHubsLocalCommand.Parse(args));
        Assert.True(error is FormatException or ArgumentException, $"Expected a format or argument error, got {error}.");
    }

    [Fact]
    public async Task Bad_arguments_print_the_usage_and_exit_with_2()
    {
        using var output = new StringWriter();
        using var error = new StringWriter();

        var exitCode = await EventHubsLocalCommand.RunAsync(["--nonsense"], output, error);

        Assert.Equal(2, exitCode);
        Assert.Contains("usage: eventhubs-local", error.ToString(), StringComparison.Ordinal);
        Assert.Empty(output.ToString());
    }
}
