namespace Bourse.EngineHost.Publishing;

/// <summary>How an <see cref="EventHubsPublisher"/> batches, retries and checkpoints.</summary>
/// <remarks>Validated by <see cref="Validate"/> when the publisher is created (plain checks: the host stays AOT-friendly).</remarks>
internal sealed class EventHubsPublisherOptions
{
    /// <summary>
    /// The longest a message waits in an open batch while the publisher is still busy with the same ring batch (a
    /// long backlog). Every open batch is sent anyway at the end of each ring batch, so under light load nothing waits
    /// for company; under load the ring batches grow and so do the sends (smart batching).
    /// </summary>
    /// <value>The default value is 5 milliseconds.</value>
    public TimeSpan MaxLinger { get; set; } = TimeSpan.FromMilliseconds(5);

    /// <summary>How often, at most, a moved checkpoint is saved (an fsync per instrument). 0 saves after every send.</summary>
    /// <value>The default value is 1 second. A longer interval only means more duplicates after a crash.</value>
    public TimeSpan CheckpointInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The first retry delay after a transient failure; it doubles with every attempt (with jitter) up to <see cref="MaxRetryDelay"/>.</summary>
    /// <value>The default value is 100 milliseconds.</value>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromMilliseconds(100);

    /// <summary>The longest delay between retries of a transient failure. Retries never stop (the journal keeps the events).</summary>
    /// <value>The default value is 10 seconds.</value>
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>The delay before retrying after a non-transient failure (not found, unauthorized, ...): an operator has to act.</summary>
    /// <value>The default value is 60 seconds.</value>
    public TimeSpan NonTransientRetryDelay { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Whether retry delays are jittered (decorrelated), so that many hosts do not retry in step.</summary>
    /// <value>The default value is <see langword="true"/>.</value>
    public bool UseJitter { get; set; } = true;

    /// <summary>The timeout of one send attempt; a timed-out attempt counts as transient and is retried.</summary>
    /// <value>The default value is 30 seconds.</value>
    public TimeSpan TryTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The clock for lingering, checkpoint intervals, retry delays and timeouts.</summary>
    /// <value>The default value is <see cref="TimeProvider.System"/>.</value>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>Throws when a value is out of range.</summary>
    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxLinger, TimeSpan.Zero, nameof(MaxLinger));
        ArgumentOutOfRangeException.ThrowIfLessThan(CheckpointInterval, TimeSpan.Zero, nameof(CheckpointInterval));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(RetryDelay, TimeSpan.Zero, nameof(RetryDelay));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxRetryDelay, RetryDelay, nameof(MaxRetryDelay));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(NonTransientRetryDelay, TimeSpan.Zero, nameof(NonTransientRetryDelay));
        // Polly's timeout strategy accepts 10 ms to 1 day.
        ArgumentOutOfRangeException.ThrowIfLessThan(TryTimeout, TimeSpan.FromMilliseconds(10), nameof(TryTimeout));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(TryTimeout, TimeSpan.FromDays(1), nameof(TryTimeout));
        ArgumentNullException.ThrowIfNull(TimeProvider, nameof(TimeProvider));
    }
}
