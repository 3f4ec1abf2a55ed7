using Bourse.Adapters.DurableTask;
using Bourse.Orchestrations.OrderToClearing;
using Bourse.Orchestrations.Ports;
using Microsoft.DurableTask.Client;

namespace Bourse.Functions.Orchestrations;

/// <summary>
/// The Functions app's <see cref="ISagaEventRaiser"/>. In Functions a <see cref="DurableTaskClient"/> exists only as a
/// <c>[DurableClient]</c> binding of one invocation, never in the container, while the activity classes take the raiser
/// as a singleton port. So the activity functions that raise events bind a client and lend it for the duration of their
/// call (<see cref="Use"/>); this raiser forwards to the same <see cref="DurableTaskSagaEventRaiser"/> the worker host uses,
/// over the client of the invocation it runs in.
/// </summary>
public sealed class InvocationSagaEventRaiser(TimeProvider timeProvider) : ISagaEventRaiser
{
    private static readonly AsyncLocal<DurableTaskClient?> Current = new();

    /// <summary>Lends <paramref name="client"/> to every raise on this async flow until the result is disposed.</summary>
    public static IDisposable Use(DurableTaskClient client)
    {
        ArgumentNullException.ThrowIfNull(client);
        var previous = Current.Value;
        Current.Value = client;
        return new Restore(previous);
    }

    /// <inheritdoc/>
    public ValueTask<SagaInstanceState> GetStateAsync(string instanceId, CancellationToken cancellationToken = default) =>
        Raiser().GetStateAsync(instanceId, cancellationToken);

    /// <inheritdoc/>
    public ValueTask<SagaInstanceState> RaiseExecutionReportAsync(string instanceId, ExecutionReport report, CancellationToken cancellationToken = default) =>
        Raiser().RaiseExecutionReportAsync(instanceId, report, cancellationToken);

    private DurableTaskSagaEventRaiser Raiser() => new(
        Current.Value ?? throw new InvalidOperationException("No Durable Task client in this invocation: the function must bind [DurableClient] and call Use."),
        timeProvider: timeProvider);

    private sealed class Restore(DurableTaskClient? previous) : IDisposable
    {
        public void Dispose() => Current.Value = previous;
    }
}
