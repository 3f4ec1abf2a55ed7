namespace Bourse.LocalEmulators.Tests;

/// <summary>The options' documented defaults, and what Validate refuses.</summary>
public sealed class OptionsTests
{
    [Fact]
    public void Defaults_are_the_documented_ones()
    {
        var azurite = new AzuriteServerOptions();
        var cosmos = new CosmosServerOptions();

        Assert.Equal((null, 0, 0, 0), (azurite.DataDirectory, azurite.BlobPort, azurite.QueuePort, azurite.TablePort));
        Assert.Equal(0, cosmos.Port);
        foreach (LocalEmulatorOptions options in new LocalEmulatorOptions[] { azurite, cosmos })
        {
            Assert.Null(options.EmulatorsDirectory);
            Assert.Equal(("node", "npm"), (options.NodeExecutable, options.NpmExecutable));
            Assert.Equal(TimeSpan.FromMinutes(10), options.InstallTimeout);
            Assert.Equal(TimeSpan.FromSeconds(60), options.StartTimeout);
            Assert.Equal(TimeSpan.FromSeconds(10), options.StopTimeout);
            options.Validate();
        }
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(65536)]
    public void A_port_outside_0_to_65535_is_refused(int port)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new CosmosServerOptions { Port = port }.Validate());
        Assert.Throws<ArgumentOutOfRangeException>(() => new AzuriteServerOptions { QueuePort = port }.Validate());
    }

    [Fact]
    public void A_timeout_must_be_positive_or_infinite()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new CosmosServerOptions { StartTimeout = TimeSpan.Zero }.Validate());
        Assert.Throws<ArgumentOutOfRangeException>(() => new AzuriteServerOptions { StopTimeout = TimeSpan.FromSeconds(-1) }.Validate());
        new CosmosServerOptions { InstallTimeout = Timeout.InfiniteTimeSpan }.Validate();
    }

    [Fact]
    public void A_blank_data_directory_or_node_executable_is_refused()
    {
        Assert.Throws<ArgumentException>(() => new AzuriteServerOptions { DataDirectory = " " }.Validate());
        Assert.Throws<ArgumentException>(() => new CosmosServerOptions { NodeExecutable = "" }.Validate());
    }
}
