using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;
using Bourse.Domain.Ledger;
using Bourse.Domain.Risk;
using Bourse.Orchestrations.Ports;
using Microsoft.AspNetCore.Http;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Converters;
using Microsoft.Extensions.DependencyInjection;
using Moq;

namespace Bourse.BackOfficeApi.Tests;

/// <summary>The instrument master and account register of the tests: 600519 in CNY, tick 0.01, lot 100; accounts 1001 and 1002.</summary>
public sealed class InMemoryReferenceData : IReferenceData
{
    public Dictionary<int, InstrumentInfo> Instruments { get; } = new() { [600519] = new InstrumentInfo(600519, "CNY", 0.01m, 100, true) };

    public Dictionary<string, AccountInfo> Accounts { get; } = new()
    {
        ["1001"] = new AccountInfo("1001", AccountStatus.Active, "C1001", CustomerType.Individual, "Trader 1001", "CN"),
        ["1002"] = new AccountInfo("1002", AccountStatus.Active, "C1002", CustomerType.Individual, "Trader 1002", "CN"),
    };

    public int Reads { get; private set; }

    public ValueTask<InstrumentInfo?> GetInstrumentAsync(int instrumentId, CancellationToken cancellationToken = default)
    {
        Reads++;
        return ValueTask.FromResult(Instruments.GetValueOrDefault(instrumentId));
    }

    public ValueTask<AccountInfo?> GetAccountAsync(string accountId, CancellationToken cancellationToken = default)
    {
        Reads++;
        return ValueTask.FromResult(Accounts.GetValueOrDefault(accountId));
    }
}

/// <summary>A ledger reader over states and entries the test sets.</summary>
public sealed class InMemoryLedgerReader : ILedgerReader
{
    public Dictionary<string, AccountState> Accounts { get; } = [];

    public Dictionary<string, List<LedgerEntryView>> Entries { get; } = [];

    public ValueTask<AccountState> GetAccountAsync(string accountId, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(Accounts.GetValueOrDefault(accountId) ?? new AccountState(accountId));

    public ValueTask<IReadOnlyList<LedgerEntryView>> GetOrderEntriesAsync(string orderId, int instrumentId, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult<IReadOnlyList<LedgerEntryView>>(Entries.GetValueOrDefault(orderId) ?? []);
}

/// <summary>Start claims in memory with their claim times: the first claim of an instance wins; a takeover replaces a
/// claim only if it is still the one it judged old.</summary>
public sealed class InMemoryStartClaims : IOrchestrationStartClaims
{
    public ConcurrentDictionary<string, DateTimeOffset> Claimed { get; } = new(StringComparer.Ordinal);

    private int _takeOvers;

    private int _renewals;

    public int TakeOvers => Volatile.Read(ref _takeOvers);

    public int Renewals => Volatile.Read(ref _renewals);

    public ValueTask RenewAsync(string instanceId, CancellationToken cancellationToken = default)
    {
        Claimed[instanceId] = TimeProvider.System.GetUtcNow();
        Interlocked.Increment(ref _renewals);
        return ValueTask.CompletedTask;
    }

    public ValueTask<bool> TryClaimAsync(string instanceId, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(Claimed.TryAdd(instanceId, TimeProvider.System.GetUtcNow()));

    public ValueTask<bool> TryTakeOverAsync(string instanceId, TimeSpan olderThan, CancellationToken cancellationToken = default)
    {
        var now = TimeProvider.System.GetUtcNow();
        if (!Claimed.TryGetValue(instanceId, out var claimedAt))
        {
            return TryClaimAsync(instanceId, cancellationToken);
        }

        bool taken = now - claimedAt >= olderThan && Claimed.TryUpdate(instanceId, now, claimedAt);
        if (taken)
        {
            Interlocked.Increment(ref _takeOvers);
        }

        return ValueTask.FromResult(taken);
    }
}

/// <summary>Risk decisions by order id.</summary>
public sealed class InMemoryRiskDecisions : IRiskDecisionStore
{
    public ConcurrentDictionary<string, RiskDecision> Decisions { get; } = new();

    public ValueTask<RiskDecision?> FindAsync(string orderId, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(Decisions.GetValueOrDefault(orderId));

    public ValueTask SaveAsync(string orderId, RiskDecision decision, CancellationToken cancellationToken = default)
    {
        Decisions.TryAdd(orderId, decision);
        return ValueTask.CompletedTask;
    }
}

/// <summary>
/// A <see cref="DurableTaskClient"/> (a cloud-only part: Moq) that keeps the instances it schedules, so a second
/// request sees the first one's saga as a real backend would; every scheduling and raised event is recorded.
/// </summary>
public sealed class FakeDurableClient
{
    public FakeDurableClient()
    {
        Mock.Setup(c => c.GetInstanceAsync(It.IsAny<string>(), It.IsAny<bool>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync((string id, bool _, CancellationToken _) => Instances.GetValueOrDefault(id));
        Mock.Setup(c => c.ScheduleNewOrchestrationInstanceAsync(It.IsAny<TaskName>(), It.IsAny<object?>(), It.IsAny<StartOrchestrationOptions?>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync((TaskName name, object? input, StartOrchestrationOptions? options, CancellationToken _) =>
            {
                var id = options?.InstanceId ?? Guid.NewGuid().ToString("N");
                Scheduled.Add((name.Name, id, input));
                Instances[id] = Instance(name.Name, id, input, OrchestrationRuntimeStatus.Pending);
                return id;
            });
        Mock.Setup(c => c.RaiseEventAsync(It.IsAny<string>(), It.IsAny<string>(), It.IsAny<object?>(), It.IsAny<CancellationToken>()))
            .Callback((string id, string name, object? payload, CancellationToken _) => Raised.Add((id, name, payload)))
            .Returns(Task.CompletedTask);
    }

    public Mock<DurableTaskClient> Mock { get; } = new("test");

    public DurableTaskClient Client => Mock.Object;

    public ConcurrentDictionary<string, OrchestrationMetadata> Instances { get; } = new();

    public List<(string Name, string InstanceId, object? Input)> Scheduled { get; } = [];

    public List<(string InstanceId, string EventName, object? Payload)> Raised { get; } = [];

    public static OrchestrationMetadata Instance(
        string name, string id, object? input, OrchestrationRuntimeStatus status, object? customStatus = null, object? output = null) =>
        new(name, id)
        {
            RuntimeStatus = status,
            SerializedInput = input is null ? null : JsonDataConverter.Default.Serialize(input),
            SerializedCustomStatus = customStatus is null ? null : JsonDataConverter.Default.Serialize(customStatus),
            SerializedOutput = output is null ? null : JsonDataConverter.Default.Serialize(output),
            DataConverter = JsonDataConverter.Default,
            CreatedAt = DateTimeOffset.UnixEpoch,
            LastUpdatedAt = DateTimeOffset.UnixEpoch,
        };
}

/// <summary>Runs a handler's <see cref="IResult"/> against a <see cref="DefaultHttpContext"/> and reads what it wrote.</summary>
public static class Http
{
    private static readonly IServiceProvider Services = new ServiceCollection().AddLogging().BuildServiceProvider();

    public static HttpRequest Request(string? body, string contentType = "application/json")
    {
        var context = new DefaultHttpContext { RequestServices = Services };
        if (body is not null)
        {
            var bytes = Encoding.UTF8.GetBytes(body);
            context.Request.Body = new MemoryStream(bytes);
            context.Request.ContentLength = bytes.Length;
            context.Request.ContentType = contentType;
        }

        context.Response.Body = new MemoryStream();
        return context.Request;
    }

    public static async Task<Response> ExecuteAsync(IResult result, HttpRequest? request = null)
    {
        var context = request?.HttpContext ?? Request(null).HttpContext;
        await result.ExecuteAsync(context);
        context.Response.Body.Position = 0;
        var text = await new StreamReader(context.Response.Body).ReadToEndAsync();
        return new Response(context.Response.StatusCode, context.Response.ContentType, context.Response.Headers, text);
    }

    public sealed record Response(int Status, string? ContentType, IHeaderDictionary Headers, string Body)
    {
        public JsonElement Json => JsonDocument.Parse(Body).RootElement;

        /// <summary>The fields a validation problem names.</summary>
        public IReadOnlyList<string> ProblemFields =>
            Json.TryGetProperty("errors", out var errors) ? [.. errors.EnumerateObject().Select(e => e.Name)] : [];
    }
}
