using Bourse.Orchestrations.OrderToClearing.Activities;
using Bourse.Orchestrations.Ports;

namespace Bourse.Orchestrations.Reconciliation.Activities;

/// <summary>Raises reports to their sagas again (the sagas drop what they have seen, so a retry is harmless).</summary>
public sealed class ReRaiseExecutionsActivity(ISagaEventRaiser sagas) : ISagaActivity<IReadOnlyList<SagaReport>, int>
{
    /// <inheritdoc/>
    /// <returns>How many reached a running saga.</returns>
    public async Task<int> RunAsync(IReadOnlyList<SagaReport> input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        int raised = 0;
        foreach (var item in input)
        {
            if (await sagas.RaiseExecutionReportAsync(item.OrderId, item.Report, cancellationToken).ConfigureAwait(false) == SagaInstanceState.Running)
            {
                raised++;
            }
        }

        return raised;
    }
}
