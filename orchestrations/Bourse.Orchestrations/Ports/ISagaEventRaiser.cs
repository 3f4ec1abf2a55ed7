using Bourse.Orchestrations.OrderToClearing;

namespace Bourse.Orchestrations.Ports;

/// <summary>
/// Raises events to saga instances and tells whether one still runs (a port: the adapter uses the Durable Task client).
/// Raising the same report twice is harmless: the saga drops what it has seen (by instrument sequence).
/// </summary>
public interface ISagaEventRaiser
{
    /// <summary>What became of instance <paramref name="instanceId"/>.</summary>
    ValueTask<SagaInstanceState> GetStateAsync(string instanceId, CancellationToken cancellationToken = default);

    /// <summary>Raises <see cref="SagaEvents.ExecutionReport"/> with <paramref name="report"/> to <paramref name="instanceId"/>
    /// if it is running. An unknown or finished instance is an answer, not an exception.</summary>
    /// <returns>The state found: <see cref="SagaInstanceState.Running"/> when the event was raised.</returns>
    ValueTask<SagaInstanceState> RaiseExecutionReportAsync(string instanceId, ExecutionReport report, CancellationToken cancellationToken = default);
}

/// <summary>What became of a saga instance.</summary>
public enum SagaInstanceState
{
    /// <summary>No such instance (never started, or purged).</summary>
    Unknown,

    /// <summary>Pending, running or suspended: it can take events.</summary>
    Running,

    /// <summary>Completed, failed or terminated: events to it are lost.</summary>
    Finished,
}
