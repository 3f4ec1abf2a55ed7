using Bourse.Orchestrations.Ports;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;

namespace Bourse.BackOfficeApi;

/// <summary>What <see cref="SingleStart.StartAsync"/> did.</summary>
public enum SingleStartOutcome
{
    /// <summary>This request started the instance.</summary>
    Started,

    /// <summary>The instance exists (<see cref="SingleStartResult.Existing"/>): answer with it.</summary>
    Exists,

    /// <summary>An identical request holds the claim and is starting the instance: answer with its status URL.</summary>
    BeingStarted,
}

/// <summary>The outcome, and the instance when it exists.</summary>
public readonly record struct SingleStartResult(SingleStartOutcome Outcome, OrchestrationMetadata? Existing);

/// <summary>
/// Starts an orchestration whose instance id is fixed by its request at most once, however many identical requests
/// race: the existence check, then the start claim (<see cref="IOrchestrationStartClaims"/>); a request that loses the
/// claim waits for the winner's instance to answer with it and never starts one itself, unless the claim is so old that
/// its holder must have died.
/// </summary>
internal static class SingleStart
{
    // How long a request that lost the claim waits for the winner's instance to appear, to answer with it.
    private static readonly TimeSpan WinnerWait = TimeSpan.FromSeconds(5);

    // How old a claim must be before a request takes it over and starts the instance itself: its holder must have died (or
    // its request was cancelled) between claiming and starting. Long, because under load a live winner's start can take
    // many seconds (1,000 orders at once, each sent twice: a 5 s fallback started every saga twice).
    private static readonly TimeSpan TakeoverAge = TimeSpan.FromSeconds(60);

    /// <param name="claims">The claims; <see langword="null"/> where nothing races (a single caller), leaving only the
    /// existence check and the backend's own refusal.</param>
    public static async Task<SingleStartResult> StartAsync(
        DurableTaskClient client,
        IOrchestrationStartClaims? claims,
        TaskName orchestration,
        object input,
        string instanceId,
        CancellationToken cancellationToken)
    {
        var existing = await client.GetInstanceAsync(instanceId, getInputsAndOutputs: true, cancellationToken).ConfigureAwait(false);
        if (existing is null && claims is not null && !await claims.TryClaimAsync(instanceId, cancellationToken).ConfigureAwait(false))
        {
            existing = await WaitForInstanceAsync(client, instanceId, cancellationToken).ConfigureAwait(false);
            if (existing is null && !await claims.TryTakeOverAsync(instanceId, TakeoverAge, cancellationToken).ConfigureAwait(false))
            {
                // The claim is fresh: its holder is starting the instance. A retry after the takeover age starts it if the
                // holder died.
                return new SingleStartResult(SingleStartOutcome.BeingStarted, null);
            }
        }

        if (existing is not null)
        {
            return new SingleStartResult(SingleStartOutcome.Exists, existing);
        }

        try
        {
            await client.ScheduleNewOrchestrationInstanceAsync(orchestration, input, StartOnce(instanceId), cancellationToken).ConfigureAwait(false);
            return new SingleStartResult(SingleStartOutcome.Started, null);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // A backend that refuses a second start of the same id (StartOnce): whoever lost answers with the winner's
            // instance; anything else is a real failure.
            existing = await client.GetInstanceAsync(instanceId, getInputsAndOutputs: true, cancellationToken).ConfigureAwait(false);
            if (existing is null)
            {
                throw;
            }

            return new SingleStartResult(SingleStartOutcome.Exists, existing);
        }
    }

    /// <summary>
    /// Start options under which the backend refuses an instance id that exists in any state. Without a reuse policy the
    /// Azure Storage backend accepts a second start of an existing instance; with every terminal status deduplicated no
    /// existing instance is replaceable. Through the gRPC sidecar the Azure Storage backend still accepted a second start
    /// (seen with <c>bourse-local bench-http</c>), hence the claims.
    /// </summary>
    internal static StartOrchestrationOptions StartOnce(string instanceId) =>
        new StartOrchestrationOptions(instanceId).WithDedupeStatuses([.. StartOrchestrationOptionsExtensions.ValidDedupeStatuses]);

    private static async Task<OrchestrationMetadata?> WaitForInstanceAsync(DurableTaskClient client, string instanceId, CancellationToken cancellationToken)
    {
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            var existing = await client.GetInstanceAsync(instanceId, getInputsAndOutputs: true, cancellationToken).ConfigureAwait(false);
            if (existing is not null || waited.Elapsed >= WinnerWait)
            {
                return existing;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(100), cancellationToken).ConfigureAwait(false);
        }
    }
}
