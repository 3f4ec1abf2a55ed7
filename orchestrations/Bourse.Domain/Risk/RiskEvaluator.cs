using System.Globalization;
using Bourse.Domain.Risk.Configuration;
using Bourse.Domain.Risk.Ports;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Bourse.Domain.Risk;

/// <summary>
/// Runs the pre-trade risk rules on a subject and returns the decision record: the saga's AssessRisk step.
/// </summary>
/// <remarks>
/// <para>Every rule runs in parallel, on the thread pool, under one deadline (<see cref="RiskRuleSet.Deadline"/>, measured
/// with the injected <see cref="TimeProvider"/>). A rule that has not answered by the deadline rejects with
/// <see cref="RiskReasonCodes.RuleTimeout"/>, one that throws with <see cref="RiskReasonCodes.RuleFailed"/>: fail closed.
/// The evaluation returns at the deadline whether or not such a rule ever stops (its token is cancelled; what it answers
/// later is ignored).</para>
/// <para>The rule set is read from <see cref="IOptionsMonitor{TOptions}"/> once per evaluation, so a reloaded
/// configuration takes effect for the next evaluation, and the decision records the version it used. A rule set that
/// cannot be read (it failed validation after a reload) rejects every subject with
/// <see cref="RiskReasonCodes.RuleSetInvalid"/> until it is fixed.</para>
/// <para>Thread-safe; register it as a singleton.</para>
/// </remarks>
public sealed partial class RiskEvaluator
{
    private readonly IRiskRule[] _rules;
    private readonly IOptionsMonitor<RiskRuleSet> _ruleSets;
    private readonly ICustomerTransactionHistory _transactionHistory;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger<RiskEvaluator> _logger;

    /// <summary>An evaluator of <paramref name="rules"/>.</summary>
    /// <param name="rules">The rules, in the order their outcomes are recorded; ids unique.</param>
    /// <param name="ruleSets">The rule set, read at the start of every evaluation.</param>
    /// <param name="transactionHistory">The customers' recent transactions (shared by the rules that need them).</param>
    /// <param name="timeProvider">The clock of the deadline, the timings and the business day.</param>
    /// <param name="logger">Timeouts, failures and an invalid rule set are logged (without names or amounts).</param>
    /// <exception cref="ArgumentException">There is no rule, or two rules have the same id.</exception>
    public RiskEvaluator(
        IEnumerable<IRiskRule> rules, IOptionsMonitor<RiskRuleSet> ruleSets, ICustomerTransactionHistory transactionHistory,
        TimeProvider timeProvider, ILogger<RiskEvaluator> logger)
    {
        ArgumentNullException.ThrowIfNull(rules);
        ArgumentNullException.ThrowIfNull(ruleSets);
        ArgumentNullException.ThrowIfNull(transactionHistory);
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentNullException.ThrowIfNull(logger);
        _rules = [.. rules];
        if (_rules.Length == 0)
        {
            throw new ArgumentException("an evaluator needs at least one rule", nameof(rules));
        }

        string? repeated = _rules.GroupBy(r => r.Id, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1)?.Key;
        if (repeated is not null)
        {
            throw new ArgumentException($"two rules have the id '{repeated}'; rule ids must be unique", nameof(rules));
        }

        _ruleSets = ruleSets;
        _transactionHistory = transactionHistory;
        _timeProvider = timeProvider;
        _logger = logger;
    }

    /// <summary>The ids of the rules, in the order their outcomes are recorded.</summary>
    public IReadOnlyList<string> RuleIds => [.. _rules.Select(r => r.Id)];

    /// <summary>Judges <paramref name="subject"/> by every rule and returns the decision record.</summary>
    /// <param name="subject">What to judge.</param>
    /// <param name="cancellationToken">The caller giving up (not the deadline, which gives a decision).</param>
    /// <returns>The decision; it always has one outcome per rule, or the single <see cref="RiskReasonCodes.RuleSetInvalid"/> one.</returns>
    /// <exception cref="ArgumentException"><paramref name="subject"/> lacks what the rules need (the message lists it).</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public async Task<RiskDecision> EvaluateAsync(RiskSubject subject, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(subject);
        IReadOnlyList<string> problems = subject.Problems();
        if (problems.Count > 0)
        {
            throw new ArgumentException($"the risk subject of order '{subject.OrderId}' cannot be judged: {string.Join("; ", problems)}", nameof(subject));
        }

        cancellationToken.ThrowIfCancellationRequested();
        long started = _timeProvider.GetTimestamp();
        DateTimeOffset now = _timeProvider.GetUtcNow();
        if (!TryReadRuleSet(subject, out RiskRuleSet? ruleSet, out TimeZoneInfo? zone, out string? problem))
        {
            return RuleSetInvalid(subject, now, started, problem);
        }

        using var deadline = new CancellationTokenSource(ruleSet.Deadline, _timeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(deadline.Token, cancellationToken);
        var context = new RiskEvaluationContext(subject, ruleSet, now, zone, _transactionHistory, linked.Token);

        // Task.Run: a rule that blocks its thread (or never yields) must not hold up the others or the deadline.
        Task<RuleOutcome>[] running = [.. _rules.Select(rule => Task.Run(() => RunAsync(rule, context, linked.Token), CancellationToken.None))];
        try
        {
            await Task.WhenAll(running).WaitAsync(linked.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // The deadline: the rules still running are judged below.
        }

        cancellationToken.ThrowIfCancellationRequested();
        TimeSpan elapsed = _timeProvider.GetElapsedTime(started);
        var outcomes = new RuleOutcome[_rules.Length];
        for (int i = 0; i < _rules.Length; i++)
        {
            outcomes[i] = running[i].IsCompletedSuccessfully ? running[i].Result : TimedOut(_rules[i].Id, ruleSet.Deadline, elapsed);
            if (outcomes[i].ReasonCode == RiskReasonCodes.RuleTimeout)
            {
                LogRuleTimedOut(_rules[i].Id, subject.OrderId, ruleSet.Deadline);
            }
        }

        var decision = new RiskDecision
        {
            Subject = subject,
            Outcome = outcomes.Max(o => o.Kind),
            RuleSetVersion = ruleSet.Version,
            EvaluatedAt = now,
            BusinessDay = context.BusinessDay,
            BusinessTimeZone = zone.Id,
            Deadline = ruleSet.Deadline,
            Elapsed = elapsed,
            Rules = outcomes,
        };
        LogDecided(subject.OrderId, decision.Outcome, ruleSet.Version, elapsed.TotalMilliseconds);
        return decision;
    }

    private async Task<RuleOutcome> RunAsync(IRiskRule rule, RiskEvaluationContext context, CancellationToken token)
    {
        long started = _timeProvider.GetTimestamp();
        RuleVerdict verdict;
        try
        {
            verdict = await rule.EvaluateAsync(context, token).ConfigureAwait(false)
                ?? throw new InvalidOperationException($"rule '{rule.Id}' returned no verdict");
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
            // The rule saw the deadline (or the caller giving up, which EvaluateAsync turns into an exception).
            return TimedOut(rule.Id, context.RuleSet.Deadline, _timeProvider.GetElapsedTime(started));
        }
#pragma warning disable CA1031 // Fail closed: whatever a rule throws becomes its rejection, recorded with the exception's type.
        catch (Exception e)
#pragma warning restore CA1031
        {
            LogRuleFailed(e, rule.Id, context.Subject.OrderId);
            verdict = RuleVerdict.Reject(
                RiskReasonCodes.RuleFailed,
                $"The rule failed ({e.GetType().Name}); failing closed.",
                new Dictionary<string, string> { ["exception"] = e.GetType().FullName ?? e.GetType().Name, ["message"] = e.Message });
        }

        return RuleOutcome.From(rule.Id, verdict, _timeProvider.GetElapsedTime(started));
    }

    private bool TryReadRuleSet(
        RiskSubject subject,
        [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out RiskRuleSet? ruleSet,
        [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out TimeZoneInfo? zone,
        [System.Diagnostics.CodeAnalysis.NotNullWhen(false)] out string? problem)
    {
        ruleSet = null;
        zone = null;
        try
        {
            // Validation (RiskRuleSetValidator) runs when the monitor builds a new value, i.e. after every reload.
            ruleSet = _ruleSets.CurrentValue;
            zone = TimeZoneInfo.FindSystemTimeZoneById(ruleSet.BusinessTimeZone);
            problem = null;
            return true;
        }
        catch (OptionsValidationException e)
        {
            problem = string.Join("; ", e.Failures);
            LogRuleSetInvalid(e, subject.OrderId);
        }
        catch (Exception e) when (e is InvalidOperationException or TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            // InvalidOperationException: the binder could not convert a value (or found an unknown key).
            problem = e.Message;
            LogRuleSetInvalid(e, subject.OrderId);
        }

        ruleSet = null;
        zone = null;
        return false;
    }

    private RiskDecision RuleSetInvalid(RiskSubject subject, DateTimeOffset now, long started, string problem)
    {
        TimeSpan elapsed = _timeProvider.GetElapsedTime(started);
        RuleOutcome outcome = RuleOutcome.From(
            RiskRuleIds.RuleSet,
            RuleVerdict.Reject(
                RiskReasonCodes.RuleSetInvalid,
                "The risk rule set could not be read; failing closed until the configuration is fixed.",
                new Dictionary<string, string> { ["problem"] = problem }),
            elapsed);
        return new RiskDecision
        {
            Subject = subject,
            Outcome = VerdictKind.Reject,
            RuleSetVersion = null,
            EvaluatedAt = now,
            BusinessDay = null,
            BusinessTimeZone = null,
            Deadline = TimeSpan.Zero,
            Elapsed = elapsed,
            Rules = [outcome],
        };
    }

    private static RuleOutcome TimedOut(string ruleId, TimeSpan deadline, TimeSpan elapsed) =>
        RuleOutcome.From(
            ruleId,
            RuleVerdict.Reject(
                RiskReasonCodes.RuleTimeout,
                $"The rule did not answer within the deadline of {deadline.TotalMilliseconds.ToString(CultureInfo.InvariantCulture)} ms; failing closed.",
                new Dictionary<string, string> { ["deadline"] = deadline.ToString("c", CultureInfo.InvariantCulture) }),
            elapsed);

    [LoggerMessage(EventId = 1, Level = LogLevel.Warning, Message = "Risk rule {RuleId} did not answer for order {OrderId} within {Deadline}; rejecting (fail closed).")]
    private partial void LogRuleTimedOut(string ruleId, string orderId, TimeSpan deadline);

    [LoggerMessage(EventId = 2, Level = LogLevel.Error, Message = "Risk rule {RuleId} failed for order {OrderId}; rejecting (fail closed).")]
    private partial void LogRuleFailed(Exception exception, string ruleId, string orderId);

    [LoggerMessage(EventId = 3, Level = LogLevel.Error, Message = "The risk rule set cannot be read; rejecting order {OrderId} (fail closed).")]
    private partial void LogRuleSetInvalid(Exception exception, string orderId);

    [LoggerMessage(EventId = 4, Level = LogLevel.Debug, Message = "Risk decision for order {OrderId}: {Outcome} (rule set {Version}, {ElapsedMs} ms).")]
    private partial void LogDecided(string orderId, VerdictKind outcome, string version, double elapsedMs);
}
