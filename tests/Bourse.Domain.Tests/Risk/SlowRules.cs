using Bourse.Domain.Risk;

namespace Bourse.Domain.Tests.Risk;

/// <summary>Rules that misbehave on purpose, to test the evaluator: they stand in for a slow or broken port.</summary>
internal static class SlowRules
{
    /// <summary>Answers <paramref name="verdict"/> at once.</summary>
    public static IRiskRule Answering(string id, RuleVerdict verdict) => new DelegateRule(id, (_, _) => ValueTask.FromResult(verdict));

    /// <summary>Waits for the token: it never answers, but it notices the deadline.</summary>
    public static IRiskRule WaitingForever(string id) =>
        new DelegateRule(id, async (_, token) =>
        {
            await Task.Delay(Timeout.InfiniteTimeSpan, token);
            return RuleVerdict.Pass("NEVER", "never");
        });

    /// <summary>Never answers and ignores the token.</summary>
    public static IRiskRule Hanging(string id) => new DelegateRule(id, (_, _) => new ValueTask<RuleVerdict>(new TaskCompletionSource<RuleVerdict>().Task));

    /// <summary>Blocks its thread until <paramref name="release"/> is set (a rule doing synchronous I/O).</summary>
    public static IRiskRule Blocking(string id, ManualResetEventSlim release) =>
        new DelegateRule(id, (_, _) =>
        {
            release.Wait(CancellationToken.None); // deliberately deaf to the deadline
            return ValueTask.FromResult(RuleVerdict.Pass("LATE", "late"));
        });

    /// <summary>Passes after <paramref name="delay"/> on <paramref name="time"/>; signals <paramref name="started"/> once its timer is set.</summary>
    public static IRiskRule Delayed(string id, TimeSpan delay, TimeProvider time, CountdownEvent? started = null) =>
        new DelegateRule(id, async (_, token) =>
        {
            Task wait = Task.Delay(delay, time, token);
            started?.Signal();
            await wait;
            return RuleVerdict.Pass("SLOW_OK", "slow but fine");
        });

    /// <summary>Throws <paramref name="exception"/> from its async body.</summary>
    public static IRiskRule Throwing(string id, Exception exception) =>
        new DelegateRule(id, async (_, _) =>
        {
            await Task.Yield();
            throw exception;
        });

    /// <summary>Throws before returning a task at all.</summary>
    public static IRiskRule ThrowingSynchronously(string id, Exception exception) => new DelegateRule(id, (_, _) => throw exception);

    private sealed class DelegateRule(string id, Func<RiskEvaluationContext, CancellationToken, ValueTask<RuleVerdict>> evaluate) : IRiskRule
    {
        public string Id => id;

        public ValueTask<RuleVerdict> EvaluateAsync(RiskEvaluationContext context, CancellationToken cancellationToken) => evaluate(context, cancellationToken);
    }
}
