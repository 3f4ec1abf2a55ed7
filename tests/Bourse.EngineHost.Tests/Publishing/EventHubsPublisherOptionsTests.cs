using Bourse.EngineHost.Publishing;

namespace Bourse.EngineHost.Tests.Publishing;

public sealed class EventHubsPublisherOptionsTests
{
    [Fact]
    public void The_defaults_are_the_documented_ones_and_valid()
    {
        var options = new EventHubsPublisherOptions();

        Assert.Equal(TimeSpan.FromMilliseconds(5), options.MaxLinger);
        Assert.Equal(TimeSpan.FromSeconds(1), options.CheckpointInterval);
        Assert.Equal(TimeSpan.FromMilliseconds(100), options.RetryDelay);
        Assert.Equal(TimeSpan.FromSeconds(10), options.MaxRetryDelay);
        Assert.Equal(TimeSpan.FromSeconds(60), options.NonTransientRetryDelay);
        Assert.True(options.UseJitter);
        Assert.Equal(TimeSpan.FromSeconds(30), options.TryTimeout);
        Assert.Same(TimeProvider.System, options.TimeProvider);
        options.Validate();
    }

    [Theory]
    [InlineData(nameof(EventHubsPublisherOptions.MaxLinger))]
    [InlineData(nameof(EventHubsPublisherOptions.CheckpointInterval))]
    [InlineData(nameof(EventHubsPublisherOptions.RetryDelay))]
    [InlineData(nameof(EventHubsPublisherOptions.MaxRetryDelay))]
    [InlineData(nameof(EventHubsPublisherOptions.NonTransientRetryDelay))]
    [InlineData("TryTimeoutShort")]
    [InlineData("TryTimeoutLong")]
    [InlineData(nameof(EventHubsPublisherOptions.TimeProvider))]
    public void Out_of_range_values_are_refused(string change)
    {
        var options = new EventHubsPublisherOptions();
        switch (change)
        {
            case nameof(options.MaxLinger): options.MaxLinger = TimeSpan.FromTicks(-1); break;
            case nameof(options.CheckpointInterval): options.CheckpointInterval = TimeSpan.FromTicks(-1); break;
            case nameof(options.RetryDelay): options.RetryDelay = TimeSpan.Zero; break;
            case nameof(options.MaxRetryDelay): options.MaxRetryDelay = TimeSpan.FromMilliseconds(50); break;
            case nameof(options.NonTransientRetryDelay): options.NonTransientRetryDelay = TimeSpan.Zero; break;
            case "TryTimeoutShort": options.TryTimeout = TimeSpan.FromMilliseconds(5); break;
            case "TryTimeoutLong": options.TryTimeout = TimeSpan.FromDays(2); break;
            default: options.TimeProvider = null!; break;
        }

        Assert.ThrowsAny<ArgumentException>(options.Validate);
    }
}
