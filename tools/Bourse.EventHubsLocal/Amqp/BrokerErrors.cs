using Microsoft.Azure.Amqp;
using Microsoft.Azure.Amqp.Encoding;

namespace Bourse.EventHubsLocal.Amqp;

/// <summary>The errors the broker answers with, worded so the client maps them as it maps the service's.</summary>
internal static class BrokerErrors
{
    /// <summary>Condition the client turns into an <c>ArgumentException</c>.</summary>
    public static readonly AmqpSymbol ArgumentError = new("com.microsoft:argument-error");

    /// <summary>The client matches "The messaging entity .* could not be found" to report ResourceNotFound.</summary>
    public static string NotFoundText(string entity) => $"The messaging entity '{entity}' could not be found.";

    public static AmqpException NotFound(string entity) => new(AmqpErrorCode.NotFound, NotFoundText(entity));

    public static AmqpException Argument(string description) => new(ArgumentError, description);

    public static AmqpException NotAllowed(string description) => new(AmqpErrorCode.NotAllowed, description);
}
