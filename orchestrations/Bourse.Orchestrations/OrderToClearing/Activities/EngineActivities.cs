using Bourse.Orchestrations.Executions;
using Bourse.Orchestrations.Ports;

namespace Bourse.Orchestrations.OrderToClearing.Activities;

/// <summary>
/// Step 4, SubmitToEngine: the order through <see cref="IEngineOrderEntry"/>, idempotent by its client order id; once the
/// engine accepted it, the engine order is linked to the saga and the reports the relay stored before the link existed
/// are raised to the saga (<see cref="ExecutionRouter.LinkAndCatchUpAsync"/>).
/// </summary>
/// <remarks>Without an <see cref="ExecutionRouter"/> (a host that does not consume the executions hub, such as the saga's
/// unit tests, which raise reports themselves) nothing is linked. Every part is idempotent: the engine answers a retry
/// with the same order, the link is create-only, and the saga drops reports raised twice.</remarks>
public sealed class SubmitToEngineActivity(IEngineOrderEntry engine, ExecutionRouter? router = null) : ISagaActivity<EngineOrder, EngineSubmission>
{
    /// <inheritdoc/>
    public async Task<EngineSubmission> RunAsync(EngineOrder input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        var submission = await engine.SubmitAsync(input, cancellationToken).ConfigureAwait(false);
        if (router is not null && submission is { Accepted: true, EngineOrderId: { } engineOrderId })
        {
            if (input.OrderId is null)
            {
                throw new ArgumentException("The order id is needed to link the engine order to its saga.", nameof(input));
            }

            await router.LinkAndCatchUpAsync(
                new OrderLink(input.InstrumentId, engineOrderId, input.OrderId, input.AccountId, input.Side), cancellationToken).ConfigureAwait(false);
        }

        return submission;
    }
}

/// <summary>A cancel at the engine (user request, expiry, compensation), idempotent by its client request id.</summary>
public sealed class CancelAtEngineActivity(IEngineOrderEntry engine) : ISagaActivity<EngineCancel, EngineCancelResult>
{
    /// <inheritdoc/>
    public async Task<EngineCancelResult> RunAsync(EngineCancel input, CancellationToken cancellationToken = default) =>
        await engine.CancelAsync(input, cancellationToken).ConfigureAwait(false);
}
