namespace Bourse.BackOfficeApi;

/// <summary>The routes of the API, below <c>/api</c> (the Functions host's prefix), shared by every host.</summary>
public static class BackOfficeRoutes
{
    /// <summary><c>POST</c>: submit an order.</summary>
    public const string Orders = "orders";

    /// <summary><c>GET</c>: an order's status.</summary>
    public const string Order = "orders/{id}";

    /// <summary><c>POST</c>: ask to cancel an order.</summary>
    public const string CancelOrder = "orders/{id}/cancel";

    /// <summary><c>GET</c>: an account's balances, positions and holds.</summary>
    public const string Account = "accounts/{id}";

    /// <summary><c>POST</c>: start a reconciliation.</summary>
    public const string Reconciliations = "reconciliations";

    /// <summary><c>GET</c>: a reconciliation's status.</summary>
    public const string Reconciliation = "reconciliations/{id}";

    /// <summary><c>POST</c>: file a regulatory report for a day.</summary>
    public const string Reports = "reports";

    /// <summary><c>GET</c>: a report run's status.</summary>
    public const string Report = "reports/{id}";

    /// <summary><c>GET</c>: the units' health board.</summary>
    public const string Units = "units";

    /// <summary><c>GET</c>: liveness.</summary>
    public const string Health = "health";

    /// <summary>The path of an order's status (the Location of a submission).</summary>
    public static string OrderPath(string orderId) => "/api/orders/" + Uri.EscapeDataString(orderId);

    /// <summary>The path of a report run's status.</summary>
    public static string ReportPath(string reportId) => "/api/reports/" + Uri.EscapeDataString(reportId);

    /// <summary>The path of a reconciliation's status.</summary>
    public static string ReconciliationPath(string instanceId) => "/api/reconciliations/" + Uri.EscapeDataString(instanceId);
}
