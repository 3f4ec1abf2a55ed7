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
/// claim waits for the winner's instance to answer with it and never starts one itself, unless the claim has not been
/// renewed for so long that its holder must have died. The holder renews it while its start is under way, and finishes the
/// start even when its own caller gives up: a claimed start is a promise to the duplicates that answered with it.
/// </summary>
internal static class SingleStart
{
    /// <summary>How long a claim lives without renewal, how often its holder renews it, and how long a request that lost it
    /// waits for the winner's instance to appear, to answer with it.</summary>
    internal readonly record struct Timings(TimeSpan TakeoverAge, TimeSpan RenewEvery, TimeSpan WinnerWait);

    // A claim is taken over when nobody renewed it for a minute: its holder died between claiming and starting. A time
    // limit alone was not enough: under load a live holder's start took over a minute (1,000 orders at once, each sent
    // twice, on a busy machine: 46 sagas started twice), hence the renewals, four per takeover age.
    internal static readonly Timings Default = new(TimeSpan.FromSeconds(60), TimeSpan.FromSeconds(15), TimeSpan.FromSeconds(5));

    /// <param name="claims">The claims; <see langword="null"/> where nothing races (a single caller), leaving only the
    /// existence check and the backend's own refusal.</param>
    public static Task<SingleStartResult> StartAsync(
        DurableTaskClient client,
        IOrchestrationStartClaims? claims,
        TaskName orchestration,
        object input,
        string instanceId,
        CancellationToken cancellationToken) =>
        StartAsync(client, claims, orchestration, input, instanceId, Default, cancellationToken);

    internal static async Task<SingleStartResult> StartAsync(
        DurableTaskClient client,
        IOrchestrationStartClaims? claims,
        TaskName orchestration,
        object input,
        string instanceId,
        Timings timings,
        CancellationToken cancellationToken)
    {
        var existing = await client.GetInstanceAsync(instanceId, getInputsAndOutputs: true, cancellationToken).ConfigureAwait(false);
        if (existing is null && claims is not null && !await claims.TryClaimAsync(instanceId, cancellationToken).ConfigureAwait(false))
        {
            existing = await WaitForInstanceAsync(client, instanceId, timings.WinnerWait, cancellationToken).ConfigureAwait(false);
            if (existing is null && !await claims.TryTakeOverAsync(instanceId, timings.TakeoverAge, cancellationToken).ConfigureAwait(false))
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

        // From here on the start is not the caller's to cancel (CancellationToken.None): duplicates answered with this
        // instance, and a start abandoned half way is one a takeover would repeat.
        using var stopRenewing = new CancellationTokenSource();
        var renewing = claims is null ? Task.CompletedTask : RenewUntilCancelledAsync(claims, instanceId, timings.RenewEvery, stopRenewing.Token);
        try
        {
            await client.ScheduleNewOrchestrationInstanceAsync(orchestration, input, StartOnce(instanceId), CancellationToken.None).ConfigureAwait(false);
            return new SingleStartResult(SingleStartOutcome.Started, null);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // A backend that refuses a second start of the same id (StartOnce): whoever lost answers with the winner's
            // instance; anything else is a real failure.
            existing = await client.GetInstanceAsync(instanceId, getInputsAndOutputs: true, CancellationToken.None).ConfigureAwait(false);
            if (existing is null)
            {
                throw;
            }

            return new SingleStartResult(SingleStartOutcome.Exists, existing);
        }
        finally
        {
            await stopRenewing.CancelAsync().ConfigureAwait(false);
            await renewing.ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Start options under which the backend refuses an instance id that exists in any state. Without a reuse policy the
    /// Azure Storage backend accepts a second start of an existing instance; with every terminal status deduplicated no
    /// existing instance is replaceable. Through the gRPC sidecar the Azure Storage backend still accepted a second start
    /// of a running instance (seen with <c>bourse-local bench-http</c>), hence the claims; the local sidecar now refuses
    /// it (StartOnceOrchestrationServiceClient), as does the Functions host (host.json, NonRunningStates), but two racing
    /// starts can both pass the provider's own existence check, and the claims do not depend on the backend.
    /// </summary>
    internal static StartOrchestrationOptions StartOnce(string instanceId) =>
        new StartOrchestrationOptions(instanceId).WithDedupeStatuses([.. StartOrchestrationOptionsExtensions.ValidDedupeStatuses]);

    private static async Task<OrchestrationMetadata?> WaitForInstanceAsync(
        DurableTaskClient client, string instanceId, TimeSpan winnerWait, CancellationToken cancellationToken)
    {
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            var existing = await client.GetInstanceAsync(instanceId, getInputsAndOutputs: true, cancellationToken).ConfigureAwait(false);
            if (existing is not null || waited.Elapsed >= winnerWait)
            {
                return existing;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(100), cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Renews the claim every <paramref name="every"/> until the start has returned (or thrown).</summary>
    private static async Task RenewUntilCancelledAsync(IOrchestrationStartClaims claims, string instanceId, TimeSpan every, CancellationToken stop)
    {
        using var timer = new PeriodicTimer(every);
        try
        {
            while (await timer.WaitForNextTickAsync(stop).ConfigureAwait(false))
            {
                try
                {
                    await claims.RenewAsync(instanceId, stop).ConfigureAwait(false);
                }
#pragma warning disable CA1031 // A failed renewal only leaves the claim older; the next one tries again.
                catch (Exception e) when (e is not OperationCanceledException)
#pragma warning restore CA1031
                {
                }
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // The start returned.
        }
    }
}
