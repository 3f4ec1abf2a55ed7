using Bourse.Orchestrations.Ports;

namespace Bourse.Orchestrations.OrderToClearing.Activities;

/// <summary>Step 4, SubmitToEngine: the order through <see cref="IEngineOrderEntry"/>, idempotent by its client order id.</summary>
public sealed class SubmitToEngineActivity(IEngineOrderEntry engine) : ISagaActivity<EngineOrder, EngineSubmission>
{
    /// <inheritdoc/>
    public async Task<EngineSubmission> RunAsync(EngineOrder input, CancellationToken cancellationToken = default) =>
        await engine.SubmitAsync(input, cancellationToken).ConfigureAwait(false);
}

/// <summary>A cancel at the engine (user request, expiry, compensation), idempotent by its client request id.</summary>
public sealed class CancelAtEngineActivity(IEngineOrderEntry engine) : ISagaActivity<EngineCancel, EngineCancelResult>
{
    /// <inheritdoc/>
    public async Task<EngineCancelResult> RunAsync(EngineCancel input, CancellationToken cancellationToken = default) =>
        await engine.CancelAsync(input, cancellationToken).ConfigureAwait(false);
}
