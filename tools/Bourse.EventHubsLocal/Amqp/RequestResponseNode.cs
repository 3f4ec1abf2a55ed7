using System.Collections.Concurrent;
using Microsoft.Azure.Amqp;
using Microsoft.Azure.Amqp.Framing;

namespace Bourse.EventHubsLocal.Amqp;

/// <summary>
/// A request/response node such as <c>$cbs</c> or <c>$management</c>: requests arrive on a link whose target is the
/// node; each answer goes back on the link, of the same connection, whose target is the request's reply-to address,
/// correlated by the request's message id.
/// </summary>
/// <remarks>The client opens both links (its <c>RequestResponseAmqpLink</c>) before its first request.</remarks>
internal sealed class RequestResponseNode
{
    private readonly Func<AmqpMessage, AmqpMessage> _handle;
    private readonly ConcurrentDictionary<(AmqpConnection Connection, string ReplyTo), SendingAmqpLink> _replyLinks = new();
    private long _deliveryTag;

    /// <param name="handle">Answers one request; it returns a response (status in its application properties), never throws.</param>
    public RequestResponseNode(Func<AmqpMessage, AmqpMessage> handle)
    {
        _handle = handle;
    }

    /// <summary>Wires a link on which a client sends requests.</summary>
    public void AddRequestLink(ReceivingAmqpLink link) => link.RegisterMessageListener(request => OnRequest(link, request));

    /// <summary>Wires a link on which a client takes responses; its target is the client's reply-to address.</summary>
    public void AddReplyLink(SendingAmqpLink link)
    {
        var replyTo = (link.Settings.Target as Target)?.Address?.ToString() ?? "";
        var key = (link.Session.Connection, replyTo);
        _replyLinks[key] = link;
        link.Closed += (_, _) => _replyLinks.TryRemove(new KeyValuePair<(AmqpConnection, string), SendingAmqpLink>(key, link));
    }

    private void OnRequest(ReceivingAmqpLink link, AmqpMessage request)
    {
        try
        {
            var replyTo = request.Properties?.ReplyTo?.ToString() ?? "";
            if (!_replyLinks.TryGetValue((link.Session.Connection, replyTo), out var replyLink))
            {
                link.RejectMessage(request, new AmqpException(AmqpErrorCode.PreconditionFailed, $"No link is attached for reply-to '{replyTo}'."));
                return;
            }

            var response = _handle(request);
            response.Properties.CorrelationId = request.Properties!.MessageId;
            link.AcceptMessage(request, settled: true, batchable: false);
            var tag = BitConverter.GetBytes(Interlocked.Increment(ref _deliveryTag));
            replyLink.SendMessageNoWait(response, new ArraySegment<byte>(tag), AmqpConstants.NullBinary);
        }
        catch (Exception e)
        {
            // The link or connection closed under us, or a handler failed: closing the link fails the client's pending
            // request at once (it retries on a new link) instead of letting it time out.
            link.SafeClose(e);
        }
        finally
        {
            request.Dispose();
        }
    }

    /// <summary>A response with a status and no body (the body, when there is one, is an AMQP value map).</summary>
    public static AmqpMessage Response(int statusCode, string statusDescription, AmqpMessage? withBody = null)
    {
        var response = withBody ?? AmqpMessage.Create();
        response.ApplicationProperties.Map[EventHubsAmqp.Request.StatusCode] = statusCode;
        response.ApplicationProperties.Map[EventHubsAmqp.Request.StatusDescription] = statusDescription;
        return response;
    }
}
