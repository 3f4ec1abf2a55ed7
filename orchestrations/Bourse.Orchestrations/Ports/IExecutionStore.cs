using Bourse.Domain.Risk;
using Bourse.Orchestrations.OrderToClearing;

namespace Bourse.Orchestrations.Ports;

/// <summary>
/// Every execution report the relay consumed from the executions hub (a port: an adapter keeps them in the system of
/// record). A report is stored once under its identity (instrument, instrument sequence), whoever stores it and however
/// often; the first write wins.
/// </summary>
/// <remarks>The relay stores a report before it looks for the order's link, and the saga's SubmitToEngine step writes the
/// link before it reads the stored reports: see <see cref="Executions.ExecutionRouter"/> for why that order is race-free.</remarks>
public interface IExecutionStore
{
    /// <summary>Stores <paramref name="execution"/> unless a report with its identity is stored already.</summary>
    /// <returns><see langword="true"/> when this call stored it; <see langword="false"/> for a redelivery.</returns>
    ValueTask<bool> StoreAsync(StoredExecution execution, CancellationToken cancellationToken = default);

    /// <summary>The stored reports of engine order <paramref name="engineOrderId"/> on <paramref name="instrumentId"/>, by sequence.</summary>
    ValueTask<IReadOnlyList<StoredExecution>> GetByEngineOrderAsync(int instrumentId, long engineOrderId, CancellationToken cancellationToken = default);

    /// <summary>The stored reports of <paramref name="window"/>, by sequence.</summary>
    ValueTask<IReadOnlyList<StoredExecution>> GetWindowAsync(ExecutionWindow window, CancellationToken cancellationToken = default);
}

/// <summary>A stored execution report.</summary>
/// <param name="Report">The report as the saga takes it.</param>
/// <param name="Side">The side of the report's order, when the report says it (every kind but a rejection).</param>
/// <param name="StoredAt">When it was first stored (the relay's clock): reconciliation's grace period counts from here.</param>
/// <param name="EngineAccountId">The engine's number of the account that owns the report's order (the back office's account
/// id is that number in decimal); 0 when the report names none (reports stored before the engine published accounts).</param>
public sealed record StoredExecution(ExecutionReport Report, OrderSide? Side, DateTimeOffset StoredAt, long EngineAccountId = 0);

/// <summary>A range of one instrument's stored reports: sequences in [<paramref name="FromSequence"/>,
/// <paramref name="ToSequence"/>], and, when given, first stored in [<paramref name="StoredFrom"/>, <paramref name="StoredTo"/>).</summary>
/// <param name="InstrumentId">The instrument.</param>
/// <param name="FromSequence">The first instrument sequence.</param>
/// <param name="ToSequence">The last instrument sequence.</param>
/// <param name="StoredFrom">The earliest storing time, or none.</param>
/// <param name="StoredTo">The end (exclusive) of the storing times, or none.</param>
public sealed record ExecutionWindow(
    int InstrumentId, long FromSequence = 1, long ToSequence = long.MaxValue, DateTimeOffset? StoredFrom = null, DateTimeOffset? StoredTo = null);
