namespace Bourse.Orchestrations.OrderToClearing.Activities;

/// <summary>The registered names of the saga's activities (the Functions app names its <c>[Function]</c>s the same).</summary>
public static class ActivityNames
{
    /// <summary><see cref="ValidateOrderActivity"/>.</summary>
    public const string ValidateOrder = nameof(ValidateOrder);

    /// <summary><see cref="AssessRiskActivity"/>.</summary>
    public const string AssessRisk = nameof(AssessRisk);

    /// <summary><see cref="ReserveFundsActivity"/>.</summary>
    public const string ReserveFunds = nameof(ReserveFunds);

    /// <summary><see cref="SubmitToEngineActivity"/>.</summary>
    public const string SubmitToEngine = nameof(SubmitToEngine);

    /// <summary><see cref="CancelAtEngineActivity"/>.</summary>
    public const string CancelAtEngine = nameof(CancelAtEngine);

    /// <summary><see cref="ClearFillActivity"/>.</summary>
    public const string ClearFill = nameof(ClearFill);

    /// <summary><see cref="ReleaseHoldActivity"/>.</summary>
    public const string ReleaseHold = nameof(ReleaseHold);

    /// <summary><see cref="PublishOrderEventActivity"/>.</summary>
    public const string PublishOrderEvent = nameof(PublishOrderEvent);
}
