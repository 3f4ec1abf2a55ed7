namespace Bourse.EventHubsLocal.Tests;

public sealed class EventHubsLocalServerOptionsTests
{
    [Fact]
    public void Documents_its_defaults()
    {
        var options = new EventHubsLocalServerOptions();

        Assert.Equal(0, options.Port);
        Assert.Equal("", options.DataDirectory);
        Assert.Empty(options.Hubs);
        Assert.Equal(1024 * 1024, options.MaxMessageSize);
        Assert.False(options.FlushToDisk);
        Assert.Same(TimeProvider.System, options.TimeProvider);
    }

    [Fact]
    public void A_data_directory_and_one_hub_are_enough()
    {
        var options = new EventHubsLocalServerOptions { DataDirectory = "data" };
        options.Hubs.Add(new EventHubDefinition("orders"));

        options.Validate();
    }

    [Theory]
    [InlineData(-1, "data", "orders", "orders")]
    [InlineData(65536, "data", "orders", "orders")]
    [InlineData(0, "", "orders", "orders")]
    [InlineData(0, "data", null, null)]
    [InlineData(0, "data", "orders", "ORDERS")]
    public void Rejects_values_out_of_range(int port, string data, string? hub, string? otherHub)
    {
        var options = new EventHubsLocalServerOptions { Port = port, DataDirectory = data };
        if (hub is not null)
        {
            options.Hubs.Add(new EventHubDefinition(hub));
        }

        if (otherHub is not null && otherHub != hub)
        {
            options.Hubs.Add(new EventHubDefinition(otherHub));
        }

        Assert.ThrowsAny<ArgumentException>(options.Validate);
        Assert.ThrowsAny<ArgumentException>(() => new EventHubsLocalServer(options));
    }

    [Fact]
    public void Rejects_a_max_message_size_the_log_cannot_hold()
    {
        var options = new EventHubsLocalServerOptions { DataDirectory = "data", MaxMessageSize = 128 * 1024 * 1024 };
        options.Hubs.Add(new EventHubDefinition("orders"));

        Assert.Throws<ArgumentOutOfRangeException>(options.Validate);
    }
}
