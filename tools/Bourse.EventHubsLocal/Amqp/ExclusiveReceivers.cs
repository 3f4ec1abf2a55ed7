using Microsoft.Azure.Amqp;

namespace Bourse.EventHubsLocal.Amqp;

/// <summary>
/// The service's owner-level (epoch) rules per hub, consumer group and partition, which the event processor's load
/// balancing relies on to take a partition over from another processor.
/// </summary>
/// <remarks>
/// A receiver with an owner level closes (with <c>amqp:link:stolen</c>, which the client reports as
/// ConsumerDisconnected) every receiver there with a lower or equal owner level or none; it is refused while one with
/// a higher owner level is there. A receiver without an owner level is refused while any receiver with one is there.
/// </remarks>
internal sealed class ExclusiveReceivers
{
    private readonly Dictionary<string, List<ConsumerLink>> _receivers = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Throws when a receiver with <paramref name="ownerLevel"/> would be refused at <paramref name="entity"/>.</summary>
    /// <remarks>Called before the link is created: a link that fails in creation never reaches the session.</remarks>
    /// <exception cref="AmqpException">A receiver with a higher owner level (or any, for a non-exclusive one) holds the partition.</exception>
    public void ThrowIfRefused(string entity, long? ownerLevel)
    {
        lock (_receivers)
        {
            if (Blocking(entity, ownerLevel) is { } blocking)
            {
                throw Refusal(entity, blocking, ownerLevel);
            }
        }
    }

    /// <summary>
    /// Adds <paramref name="receiver"/>, closing those it takes over from, and forgets it when its link closes. Should
    /// another receiver have taken the partition since <see cref="ThrowIfRefused"/>, the newcomer is closed instead.
    /// </summary>
    public void Add(string entity, ConsumerLink receiver)
    {
        ConsumerLink[] displaced = [];
        AmqpException? refusal = null;
        lock (_receivers)
        {
            if (Blocking(entity, receiver.OwnerLevel) is { } blocking)
            {
                refusal = Refusal(entity, blocking, receiver.OwnerLevel);
            }
            else
            {
                if (!_receivers.TryGetValue(entity, out var current))
                {
                    current = [];
                    _receivers.Add(entity, current);
                }

                if (receiver.OwnerLevel is not null)
                {
                    displaced = [.. current];
                    current.Clear();
                }

                current.Add(receiver);
            }
        }

        if (refusal is not null)
        {
            receiver.Close(refusal);
            return;
        }

        receiver.Link.SafeAddClosed((_, _) => Forget(entity, receiver));
        foreach (var old in displaced)
        {
            old.Close(new AmqpException(AmqpErrorCode.Stolen,
                $"A receiver with owner level {receiver.OwnerLevel} took over '{entity}'."));
        }
    }

    private ConsumerLink? Blocking(string entity, long? ownerLevel) =>
        _receivers.TryGetValue(entity, out var current)
            ? current.FirstOrDefault(r => r.OwnerLevel is { } other && (ownerLevel is null || other > ownerLevel))
            : null;

    private static AmqpException Refusal(string entity, ConsumerLink blocking, long? ownerLevel) =>
        new(AmqpErrorCode.Stolen,
            $"A receiver with owner level {blocking.OwnerLevel} holds '{entity}'; one with owner level " +
            $"{(ownerLevel is null ? "(none)" : ownerLevel)} cannot be created.");

    private void Forget(string entity, ConsumerLink receiver)
    {
        lock (_receivers)
        {
            if (_receivers.TryGetValue(entity, out var current) && current.Remove(receiver) && current.Count == 0)
            {
                _receivers.Remove(entity);
            }
        }
    }
}
