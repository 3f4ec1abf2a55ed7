using System.Diagnostics;
using System.Globalization;
using HdrHistogram;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;

namespace Bourse.LocalStack;

/// <summary>
/// Runs a batch of orchestrations on a Durable Task backend with a bounded number in flight and measures each from
/// scheduled to completed: the saga benchmark and its plain baseline go through this same code, so their difference is
/// the saga's own cost.
/// </summary>
public static class OrchestrationRun
{
    /// <summary>Schedules one orchestration per input (<paramref name="name"/>, instance id from <paramref name="instanceId"/>),
    /// at most <paramref name="inFlight"/> not yet completed at a time, and waits for each to finish.</summary>
    public static async Task<OrchestrationRunResult> RunAsync<TInput>(
        DurableTaskClient client, string name, IReadOnlyList<TInput> inputs, Func<TInput, string> instanceId, int inFlight, TimeSpan timeout,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(instanceId);
        // Stopwatch ticks, up to ten minutes, three significant digits.
        var latency = new LongHistogram(Stopwatch.Frequency * 600, 3);
        var statuses = new Dictionary<OrchestrationRuntimeStatus, int>();
        var completed = new List<OrchestrationMetadata>(inputs.Count);
        var gate = new SemaphoreSlim(inFlight);
        var sync = new Lock();
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        var clock = Stopwatch.StartNew();

        async Task RunOne(TInput input)
        {
            await gate.WaitAsync(deadline.Token).ConfigureAwait(false);
            try
            {
                var id = await client.ScheduleNewOrchestrationInstanceAsync(name, input, new StartOrchestrationOptions(instanceId(input)), deadline.Token)
                    .ConfigureAwait(false);
                var done = await client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true, deadline.Token).ConfigureAwait(false);
                // The backend's own created and last-updated times: the client's wait polls the backend every few
                // seconds, which would blur the latency; the slot in flight is held until the client has seen it.
                var elapsed = (long)((done.LastUpdatedAt - done.CreatedAt).TotalSeconds * Stopwatch.Frequency);
                lock (sync)
                {
                    latency.RecordValue(Math.Clamp(elapsed, 0, latency.HighestTrackableValue));
                    statuses[done.RuntimeStatus] = statuses.GetValueOrDefault(done.RuntimeStatus) + 1;
                    completed.Add(done);
                }
            }
            finally
            {
                gate.Release();
            }
        }

        await Task.WhenAll(inputs.Select(RunOne)).ConfigureAwait(false);
        clock.Stop();
        return new OrchestrationRunResult(name, inputs.Count, clock.Elapsed, latency, statuses, completed);
    }
}

/// <summary>What <see cref="OrchestrationRun.RunAsync"/> measured.</summary>
/// <param name="Name">The orchestration.</param>
/// <param name="Count">How many ran.</param>
/// <param name="Elapsed">From the first scheduled to the last completed.</param>
/// <param name="Latency">Created → completed by the backend's clock, in <see cref="Stopwatch"/> ticks.</param>
/// <param name="Statuses">How many ended in each status.</param>
/// <param name="Instances">Each instance as it ended, with its output.</param>
public sealed record OrchestrationRunResult(
    string Name, int Count, TimeSpan Elapsed, LongHistogram Latency, IReadOnlyDictionary<OrchestrationRuntimeStatus, int> Statuses,
    IReadOnlyList<OrchestrationMetadata> Instances)
{
    /// <summary>Completed orchestrations per second.</summary>
    public double PerSecond => Count / Elapsed.TotalSeconds;

    /// <summary>A latency percentile in milliseconds.</summary>
    public double PercentileMilliseconds(double percentile) => Latency.GetValueAtPercentile(percentile) * 1000.0 / Stopwatch.Frequency;

    /// <summary>One line for a table.</summary>
    public override string ToString() => string.Create(
        CultureInfo.InvariantCulture,
        $"{Name,-18} {Count,6} {PerSecond,10:0.0}/s  p50 {PercentileMilliseconds(50),8:0} ms  p99 {PercentileMilliseconds(99),8:0} ms  max {PercentileMilliseconds(100),8:0} ms  {string.Join(", ", Statuses.Select(s => $"{s.Key} {s.Value}"))}");
}
