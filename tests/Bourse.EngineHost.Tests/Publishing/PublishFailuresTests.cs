using Azure.Messaging.EventHubs;
using Bourse.EngineHost.Publishing;
using Polly.Timeout;

namespace Bourse.EngineHost.Tests.Publishing;

public sealed class PublishFailuresTests
{
    public static TheoryData<Exception, string> Cases => new()
    {
        { new EventHubsException(true, "h", "busy", EventHubsException.FailureReason.ServiceBusy), nameof(PublishFailureKind.Transient) },
        { new EventHubsException(true, "h", "comms", EventHubsException.FailureReason.ServiceCommunicationProblem), nameof(PublishFailureKind.Transient) },
        { new TimeoutRejectedException(), nameof(PublishFailureKind.Transient) },
        { new TimeoutException(), nameof(PublishFailureKind.Transient) },
        { new OperationCanceledException(), nameof(PublishFailureKind.Transient) },
        { new EventHubsException(false, "h", "missing", EventHubsException.FailureReason.ResourceNotFound), nameof(PublishFailureKind.NonTransient) },
        { new UnauthorizedAccessException(), nameof(PublishFailureKind.NonTransient) },
        { new EventHubsException(false, "h", "closed", EventHubsException.FailureReason.ClientClosed), nameof(PublishFailureKind.Stop) },
        { new ObjectDisposedException("producer"), nameof(PublishFailureKind.Stop) },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Failures_are_classified_by_is_transient_timeouts_and_shutdown(Exception exception, string expected) =>
        Assert.Equal(expected, PublishFailures.Classify(exception, CancellationToken.None).ToString());

    [Fact]
    public void A_cancellation_while_stopping_stops()
    {
        using var stopping = new CancellationTokenSource();
        stopping.Cancel();

        Assert.Equal(PublishFailureKind.Stop, PublishFailures.Classify(new OperationCanceledException(stopping.Token), stopping.Token));
    }
}
