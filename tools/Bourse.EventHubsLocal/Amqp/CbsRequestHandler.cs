using Microsoft.Azure.Amqp;

namespace Bourse.EventHubsLocal.Amqp;

/// <summary>
/// Answers <c>$cbs</c>: every <c>put-token</c> is accepted (202) whatever the token, because a local endpoint on
/// loopback has nobody to keep out. The client puts a token before each link and again before it expires.
/// </summary>
internal static class CbsRequestHandler
{
    public static AmqpMessage Handle(AmqpMessage request)
    {
        var properties = request.ApplicationProperties?.Map;
        if (properties is null ||
            !properties.TryGetValue<string>(EventHubsAmqp.Request.Operation, out var operation) ||
            operation != EventHubsAmqp.Request.PutTokenOperation)
        {
            return RequestResponseNode.Response(400, "Only the put-token operation is supported.");
        }

        return RequestResponseNode.Response(202, "Accepted");
    }
}
