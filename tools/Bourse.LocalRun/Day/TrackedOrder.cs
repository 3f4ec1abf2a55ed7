using System.Net;
using Bourse.BackOfficeApi.Contracts;
using Bourse.Orchestrations.OrderToClearing;

namespace Bourse.LocalRun.Day;

/// <summary>Who asked for an order's cancel.</summary>
internal enum CancelSource
{
    None,
    Trader,
    EndOfSession,
}

/// <summary>An order of the day as the driver follows it through the API.</summary>
internal sealed class TrackedOrder(DayOrder plan)
{
    public DayOrder Plan { get; } = plan;

    /// <summary>The API's id, from the submission's answer.</summary>
    public string? OrderId { get; set; }

    public SubmitAnswer? Submission { get; set; }

    /// <summary>The answer to the second post of an order sent twice.</summary>
    public SubmitAnswer? Resubmission { get; set; }

    public CancelSource Cancel { get; set; }

    public HttpStatusCode? CancelAnswer { get; set; }

    /// <summary>The latest view read.</summary>
    public OrderView? View { get; set; }

    public bool Submitted => Submission is not null;

    /// <summary>The saga has ended: completed, failed or terminated.</summary>
    public bool Final => View?.RuntimeStatus is "Completed" or "Failed" or "Terminated";

    public OrderToClearingResult? Result => View?.Result;

    /// <summary>Resting at the engine, waiting for executions.</summary>
    public bool Resting => !Final && View?.Stage == SagaStages.AwaitExecutions;
}
