using System.Security.Claims;
using Bourse.BackOfficeApi.Security;
using Bourse.Orchestrations.OrderToClearing;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Bourse.BackOfficeApi.Tests;

/// <summary>Traders act only for their own accounts (claims <see cref="BackOfficeAccess.AccountClaim"/>); operations and
/// compliance for every account.</summary>
public sealed class AccountBindingTests
{
    private const string OrderFor1002 =
        """{"clientOrderId":"c-9","accountId":"1002","instrument":600519,"side":"buy","type":"limit","price":1500.25,"quantity":200}""";

    private readonly FakeDurableClient _durable = new();

    private static BackOfficeApiHandlers Handlers() => new(
        new InMemoryReferenceData(), new InMemoryLedgerReader(), new InMemoryRiskDecisions(), Options.Create(new BackOfficeApiOptions()),
        NullLogger<BackOfficeApiHandlers>.Instance);

    private static ClaimsPrincipal User(string role, params string[] accounts) => new(new ClaimsIdentity(
        [new Claim(ClaimTypes.Name, "someone"), new Claim(ClaimTypes.Role, role), .. accounts.Select(a => new Claim(BackOfficeAccess.AccountClaim, a))],
        "test"));

    [Theory]
    [InlineData(BackOfficeRoles.Trader, "1001", "1001", true)]
    [InlineData(BackOfficeRoles.Trader, "1001", "1002", false)]
    [InlineData(BackOfficeRoles.Trader, "1001, 1002", "1002", true)]
    [InlineData(BackOfficeRoles.Trader, "*", "9999", true)]
    [InlineData(BackOfficeRoles.Trader, "10011", "1001", false)]
    [InlineData(BackOfficeRoles.Operations, "", "1002", true)]
    [InlineData(BackOfficeRoles.Compliance, "", "1002", true)]
    public void A_trader_acts_for_its_claimed_accounts_only_and_operations_and_compliance_for_all(string role, string claimed, string account, bool allowed) =>
        Assert.Equal(allowed, BackOfficeAccess.MayActFor(User(role, claimed.Length == 0 ? [] : [claimed]), account));

    [Fact]
    public void A_trader_without_account_claims_acts_for_no_account() =>
        Assert.False(BackOfficeAccess.MayActFor(User(BackOfficeRoles.Trader), "1001"));

    [Fact]
    public async Task A_traders_order_for_another_account_is_403_and_starts_nothing()
    {
        var request = Http.Request(OrderFor1002);
        request.HttpContext.User = User(BackOfficeRoles.Trader, "1001");

        var response = await Http.ExecuteAsync(await Handlers().SubmitOrderAsync(request, _durable.Client), request);

        Assert.Equal(403, response.Status);
        Assert.Equal("application/problem+json", response.ContentType);
        Assert.Empty(_durable.Scheduled);
    }

    [Fact]
    public async Task A_traders_order_for_its_own_account_starts()
    {
        var request = Http.Request(OrderFor1002);
        request.HttpContext.User = User(BackOfficeRoles.Trader, "1002");

        var response = await Http.ExecuteAsync(await Handlers().SubmitOrderAsync(request, _durable.Client), request);

        Assert.Equal(202, response.Status);
        Assert.Single(_durable.Scheduled);
    }

    [Fact]
    public async Task Another_accounts_order_and_account_are_hidden_from_a_trader_and_shown_to_compliance()
    {
        var input = new OrderToClearingInput
        {
            OrderId = "ord-x", ClientOrderId = "c-x", AccountId = "1002", InstrumentId = 600519, Side = Domain.Risk.OrderSide.Buy, LimitPrice = 10m, Quantity = 100,
        };
        _durable.Instances["ord-x"] = FakeDurableClient.Instance(OrderToClearingOrchestration.Name, "ord-x", input, OrchestrationRuntimeStatus.Running);
        var trader = User(BackOfficeRoles.Trader, "1001");
        var compliance = User(BackOfficeRoles.Compliance);
        var cancel = Http.Request(null);
        cancel.HttpContext.User = trader;

        var order = await Http.ExecuteAsync(await Handlers().GetOrderAsync("ord-x", _durable.Client, trader));
        var account = await Http.ExecuteAsync(await Handlers().GetAccountAsync("1002", trader));
        var cancelled = await Http.ExecuteAsync(await Handlers().CancelOrderAsync("ord-x", cancel, _durable.Client), cancel);
        var seen = await Http.ExecuteAsync(await Handlers().GetOrderAsync("ord-x", _durable.Client, compliance));
        var seenAccount = await Http.ExecuteAsync(await Handlers().GetAccountAsync("1002", compliance));

        Assert.Equal((403, 403, 403), (order.Status, account.Status, cancelled.Status));
        Assert.Empty(_durable.Raised);
        Assert.Equal((200, 200), (seen.Status, seenAccount.Status));
    }
}
