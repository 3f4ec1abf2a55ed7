namespace Bourse.Orchestrations.OrderToClearing;

/// <summary>The stage names of the saga's custom status, in the order of the flow.</summary>
public static class SagaStages
{
    /// <summary>1: instrument, tick and lot, price limits, account.</summary>
    public const string Validate = nameof(Validate);

    /// <summary>2: the pre-trade risk rules.</summary>
    public const string AssessRisk = nameof(AssessRisk);

    /// <summary>3: the hold on cash (buy) or securities (sell).</summary>
    public const string ReserveFunds = nameof(ReserveFunds);

    /// <summary>4: order entry at the engine.</summary>
    public const string SubmitToEngine = nameof(SubmitToEngine);

    /// <summary>5 and 6: waiting for execution reports; each fill is cleared as it arrives.</summary>
    public const string AwaitExecutions = nameof(AwaitExecutions);

    /// <summary>5: the order was cancelled at the engine (user request or expiry) and the saga waits, bounded, for the report.</summary>
    public const string Cancelling = nameof(Cancelling);

    /// <summary>7: release the unused hold, publish OrderSettled.</summary>
    public const string Settle = nameof(Settle);

    /// <summary>Undoing what was done, in reverse.</summary>
    public const string Compensating = nameof(Compensating);

    /// <summary>The saga has ended (see the output).</summary>
    public const string Completed = nameof(Completed);
}
