using Bourse.Domain.Risk;
using Bourse.Orchestrations.OrderToClearing;
using Bourse.Orchestrations.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Bourse.Orchestrations.Tests.OrderToClearing;

/// <summary>A risk rule past its deadline: judged again before the order is refused for it (real time: the rules' 2 s
/// deadline runs out once or three times per test).</summary>
public sealed class RiskTimeoutTests
{
    [Fact]
    public async Task An_order_whose_rule_timed_out_once_is_judged_again_and_goes_on_with_one_decision()
    {
        var rule = new HangingRule(hangs: 1);
        await using SagaHost host = await SagaHost.StartAsync(configure: services => services.AddSingleton<IRiskRule>(rule));
        string account = host.NewAccount(cash: 20_000m);

        string orderId = await host.StartAsync(SagaHost.Order(account, OrderSide.Buy, 100.00m, 100));
        await host.StatusAsync(orderId, s => s.Stage == SagaStages.AwaitExecutions);

        RiskDecision decision = host.Ports.Risk.Decisions[orderId];
        Assert.True(decision.IsAllowed);
        Assert.Equal("HANGING_OK", Assert.Single(decision.Rules, r => r.RuleId == HangingRule.Id).ReasonCode);
        Assert.Equal(2, rule.Calls);
    }

    [Fact]
    public async Task An_order_whose_rule_times_out_every_time_is_rejected_for_it_after_three_judgements()
    {
        var rule = new HangingRule(hangs: int.MaxValue);
        await using SagaHost host = await SagaHost.StartAsync(configure: services => services.AddSingleton<IRiskRule>(rule));
        string account = host.NewAccount(cash: 20_000m);

        string orderId = await host.StartAsync(SagaHost.Order(account, OrderSide.Buy, 100.00m, 100));
        OrderToClearingResult result = await host.CompletionAsync(orderId);

        Assert.Equal(OrderOutcome.Rejected, result.Outcome);
        Assert.Equal(SagaStages.AssessRisk, result.Stage);
        Assert.Equal(RiskReasonCodes.RuleTimeout, Assert.Single(result.Reasons).Code);
        Assert.Equal(3, rule.Calls);
        Assert.False(host.Ports.Activity.Orders.ContainsKey(orderId));
    }

    /// <summary>Waits for the deadline on its first <c>hangs</c> calls, then passes.</summary>
    private sealed class HangingRule(int hangs) : IRiskRule
    {
        public const string Id = "hanging";

        private int _calls;

        public int Calls => Volatile.Read(ref _calls);

        string IRiskRule.Id => Id;

        public async ValueTask<RuleVerdict> EvaluateAsync(RiskEvaluationContext context, CancellationToken cancellationToken)
        {
            if (Interlocked.Increment(ref _calls) <= hangs)
            {
                await Task.Delay(Timeout.Infinite, cancellationToken);
            }

            return RuleVerdict.Pass("HANGING_OK", "answered in time");
        }
    }
}
