using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;

namespace Bourse.BackOfficeApi.Security;

/// <summary>The roles of the back office, as they arrive in claims (Entra ID app roles, or the local API keys).</summary>
public static class BackOfficeRoles
{
    /// <summary>Submits, follows and cancels orders; reads accounts.</summary>
    public const string Trader = "trader";

    /// <summary>Runs reconciliations; follows and cancels orders; reads accounts and the units' board.</summary>
    public const string Operations = "operations";

    /// <summary>Reads orders (with their risk decisions), accounts and the units' board; files the regulatory reports.</summary>
    public const string Compliance = "compliance";
}

/// <summary>What a request asks to do; each operation is allowed to some roles.</summary>
public enum BackOfficeOperation
{
    /// <summary><c>POST /api/orders</c>.</summary>
    SubmitOrder,

    /// <summary><c>GET /api/orders/{id}</c>.</summary>
    ReadOrder,

    /// <summary><c>POST /api/orders/{id}/cancel</c>.</summary>
    CancelOrder,

    /// <summary><c>GET /api/accounts/{id}</c>.</summary>
    ReadAccount,

    /// <summary><c>POST /api/reconciliations</c>.</summary>
    RunReconciliation,

    /// <summary><c>GET /api/reconciliations/{id}</c>.</summary>
    ReadReconciliation,

    /// <summary><c>GET /api/units</c>.</summary>
    ReadUnits,

    /// <summary><c>POST /api/reports</c>.</summary>
    RunReport,

    /// <summary><c>GET /api/reports/{id}</c>.</summary>
    ReadReport,
}

/// <summary>The role table, and its two uses: ASP.NET Core authorization policies (local host) and a direct check (the
/// Functions triggers, which have no authorization middleware).</summary>
public static class BackOfficeAccess
{
    /// <summary>The roles allowed to do <paramref name="operation"/>.</summary>
    public static IReadOnlyList<string> RolesFor(BackOfficeOperation operation) => operation switch
    {
        BackOfficeOperation.SubmitOrder => [BackOfficeRoles.Trader],
        BackOfficeOperation.ReadOrder => [BackOfficeRoles.Trader, BackOfficeRoles.Operations, BackOfficeRoles.Compliance],
        BackOfficeOperation.CancelOrder => [BackOfficeRoles.Trader, BackOfficeRoles.Operations],
        BackOfficeOperation.ReadAccount => [BackOfficeRoles.Trader, BackOfficeRoles.Operations, BackOfficeRoles.Compliance],
        BackOfficeOperation.RunReconciliation => [BackOfficeRoles.Operations],
        BackOfficeOperation.ReadReconciliation => [BackOfficeRoles.Operations, BackOfficeRoles.Compliance],
        // Operations runs the units; compliance answers for where users' orders are served (data residency). Traders have
        // no use for the units' addresses.
        BackOfficeOperation.ReadUnits => [BackOfficeRoles.Operations, BackOfficeRoles.Compliance],
        // Compliance answers for the reports and files them; operations follows them (a late file is an incident).
        BackOfficeOperation.RunReport => [BackOfficeRoles.Compliance],
        BackOfficeOperation.ReadReport => [BackOfficeRoles.Compliance, BackOfficeRoles.Operations],
        _ => throw new ArgumentOutOfRangeException(nameof(operation), operation, "Unknown operation."),
    };

    /// <summary>The name of the authorization policy of <paramref name="operation"/>.</summary>
    public static string PolicyName(BackOfficeOperation operation) => "bourse:" + operation;

    /// <summary>Adds one policy per operation: an authenticated user in one of its roles.</summary>
    public static AuthorizationOptions AddBackOfficePolicies(this AuthorizationOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        foreach (var operation in Enum.GetValues<BackOfficeOperation>())
        {
            options.AddPolicy(PolicyName(operation), policy => policy.RequireAuthenticatedUser().RequireRole(RolesFor(operation)));
        }

        return options;
    }

    /// <summary>The claim that names an account a trader acts for (one claim per account, or several ids separated by
    /// commas; <c>*</c>: every account). The local API keys carry their <c>Accounts</c>; in Azure, a claims-mapping policy
    /// of the app registration emits it from a directory extension.</summary>
    public const string AccountClaim = "bourse_accounts";

    /// <summary>
    /// Whether <paramref name="user"/> may act for <paramref name="accountId"/>: operations and compliance act for every
    /// account; a trader only for the accounts of its <see cref="AccountClaim"/> claims (none: no account).
    /// </summary>
    public static bool MayActFor(ClaimsPrincipal user, string accountId)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (user.IsInRole(BackOfficeRoles.Operations) || user.IsInRole(BackOfficeRoles.Compliance))
        {
            return true;
        }

        return user.FindAll(AccountClaim)
            .SelectMany(c => c.Value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            .Any(a => a == "*" || string.Equals(a, accountId, StringComparison.Ordinal));
    }

    /// <summary>Whether <paramref name="user"/> may do <paramref name="operation"/>.</summary>
    public static bool IsAllowed(ClaimsPrincipal user, BackOfficeOperation operation)
    {
        ArgumentNullException.ThrowIfNull(user);
        return user.Identity?.IsAuthenticated == true && RolesFor(operation).Any(user.IsInRole);
    }
}
