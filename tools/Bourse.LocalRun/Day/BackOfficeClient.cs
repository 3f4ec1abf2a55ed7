using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Bourse.BackOfficeApi;
using Bourse.BackOfficeApi.Contracts;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http.Resilience;
using Polly;

namespace Bourse.LocalRun.Day;

/// <summary>The answer to a submission.</summary>
/// <param name="Status">202 (started), 200 (that order existed), 400, ...</param>
/// <param name="OrderId">The order's id, when the API gave one.</param>
/// <param name="Problem">The problem details of a refusal, as JSON.</param>
internal sealed record SubmitAnswer(HttpStatusCode Status, string? OrderId, JsonElement? Problem);

/// <summary>
/// The back-office API as its users call it: one API key per role, JSON in the API's own contracts, and a retry
/// pipeline (Microsoft.Extensions.Http.Resilience) that honours 429's Retry-After and retries transient failures. Retrying
/// a submission is safe because the API is idempotent by (account, client order id).
/// </summary>
internal sealed class BackOfficeClient : IAsyncDisposable
{
    private readonly ServiceProvider _services;
    private readonly HttpClient _http;
    private readonly string _traderKey;
    private readonly string _operationsKey;
    private readonly string _complianceKey;

    public BackOfficeClient(Uri address, string traderKey, string operationsKey, string complianceKey, int maxConnections = 64, TimeSpan? attemptTimeout = null)
    {
        var services = new ServiceCollection();
        services.AddHttpClient("back-office", http =>
            {
                http.BaseAddress = address;
                http.Timeout = Timeout.InfiniteTimeSpan; // the pipeline's timeouts rule
            })
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { MaxConnectionsPerServer = maxConnections, PooledConnectionLifetime = TimeSpan.FromMinutes(5) })
            .AddResilienceHandler("back-office", pipeline =>
            {
                pipeline.AddTimeout((attemptTimeout ?? TimeSpan.FromSeconds(15)) * 4);
                pipeline.AddRetry(new HttpRetryStrategyOptions
                {
                    MaxRetryAttempts = 10,
                    BackoffType = DelayBackoffType.Exponential,
                    UseJitter = true,
                    Delay = TimeSpan.FromMilliseconds(200),
                    MaxDelay = TimeSpan.FromSeconds(5),
                    ShouldRetryAfterHeader = true,
                });
                pipeline.AddTimeout(attemptTimeout ?? TimeSpan.FromSeconds(15));
            });
        _services = services.BuildServiceProvider();
        _http = _services.GetRequiredService<IHttpClientFactory>().CreateClient("back-office");
        _traderKey = traderKey;
        _operationsKey = operationsKey;
        _complianceKey = complianceKey;
    }

    /// <summary>Posts an order.</summary>
    public Task<SubmitAnswer> SubmitAsync(SubmitOrderRequest order, CancellationToken cancellationToken) =>
        SubmitRawAsync(JsonSerializer.Serialize(order, BackOfficeJson.Options), cancellationToken);

    /// <summary>Posts a body as it is (for requests the API must refuse).</summary>
    public async Task<SubmitAnswer> SubmitRawAsync(string body, CancellationToken cancellationToken)
    {
        using var request = Request(HttpMethod.Post, "/api/" + BackOfficeRoutes.Orders, _traderKey);
        request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        using var response = await _http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        var json = await ReadJsonAsync(response, cancellationToken).ConfigureAwait(false);
        return response.StatusCode switch
        {
            HttpStatusCode.Accepted or HttpStatusCode.OK when json is { } body2 && body2.TryGetProperty("orderId", out var id) =>
                new SubmitAnswer(response.StatusCode, id.GetString(), null),
            _ => new SubmitAnswer(response.StatusCode, null, json),
        };
    }

    /// <summary>An order's view; <see langword="null"/> if the API does not know it.</summary>
    public async Task<OrderView?> GetOrderAsync(string orderId, CancellationToken cancellationToken)
    {
        using var request = Request(HttpMethod.Get, BackOfficeRoutes.OrderPath(orderId), _complianceKey);
        using var response = await _http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }

        await EnsureSuccessAsync(response, cancellationToken).ConfigureAwait(false);
        return await response.Content.ReadFromJsonAsync<OrderView>(ViewJson, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Asks to cancel an order; the status says whether it was still open (202) or had ended (409).</summary>
    public async Task<HttpStatusCode> CancelAsync(string orderId, string reason, CancellationToken cancellationToken)
    {
        using var request = Request(HttpMethod.Post, BackOfficeRoutes.OrderPath(orderId) + "/cancel", _traderKey);
        request.Content = JsonContent.Create(new CancelOrderRequest { Reason = reason }, options: BackOfficeJson.Options);
        using var response = await _http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        return response.StatusCode;
    }

    /// <summary>Liveness: the cheapest route, the HTTP stack's own cost.</summary>
    public async Task<HttpStatusCode> HealthAsync(CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/" + BackOfficeRoutes.Health);
        using var response = await _http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        return response.StatusCode;
    }

    /// <summary>Starts a reconciliation over the configured instruments and returns its status path.</summary>
    public async Task<string> StartReconciliationAsync(CancellationToken cancellationToken)
    {
        using var request = Request(HttpMethod.Post, "/api/" + BackOfficeRoutes.Reconciliations, _operationsKey);
        request.Content = new StringContent("{}", Encoding.UTF8, "application/json");
        using var response = await _http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        await EnsureSuccessAsync(response, cancellationToken).ConfigureAwait(false);
        return response.Headers.Location?.OriginalString ?? throw new InvalidOperationException("The reconciliation's answer has no Location.");
    }

    /// <summary>A reconciliation's status.</summary>
    public async Task<ReconciliationView> GetReconciliationAsync(string path, CancellationToken cancellationToken)
    {
        using var request = Request(HttpMethod.Get, path, _complianceKey);
        using var response = await _http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        await EnsureSuccessAsync(response, cancellationToken).ConfigureAwait(false);
        return (await response.Content.ReadFromJsonAsync<ReconciliationView>(ViewJson, cancellationToken).ConfigureAwait(false))!;
    }

    /// <summary>Files a report (as compliance) and returns the run's status path: 202 for a new run, 200 for one that exists.</summary>
    public async Task<string> StartReportAsync(StartReportRequest body, CancellationToken cancellationToken)
    {
        using var request = Request(HttpMethod.Post, "/api/" + BackOfficeRoutes.Reports, _complianceKey);
        request.Content = JsonContent.Create(body, options: BackOfficeJson.Options);
        using var response = await _http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        await EnsureSuccessAsync(response, cancellationToken).ConfigureAwait(false);
        var view = (await response.Content.ReadFromJsonAsync<ReportView>(ViewJson, cancellationToken).ConfigureAwait(false))!;
        return view.StatusUrl;
    }

    /// <summary>A report run's status.</summary>
    public async Task<ReportView> GetReportAsync(string path, CancellationToken cancellationToken)
    {
        using var request = Request(HttpMethod.Get, path, _complianceKey);
        using var response = await _http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        await EnsureSuccessAsync(response, cancellationToken).ConfigureAwait(false);
        return (await response.Content.ReadFromJsonAsync<ReportView>(ViewJson, cancellationToken).ConfigureAwait(false))!;
    }

    public async ValueTask DisposeAsync() => await _services.DisposeAsync().ConfigureAwait(false);

    // Responses are read leniently: the client must not break when the API adds a member.
    private static readonly JsonSerializerOptions ViewJson = new(BackOfficeJson.Options) { UnmappedMemberHandling = System.Text.Json.Serialization.JsonUnmappedMemberHandling.Skip };

    private static HttpRequestMessage Request(HttpMethod method, string path, string apiKey)
    {
        var request = new HttpRequestMessage(method, path);
        request.Headers.Add("X-Api-Key", apiKey);
        return request;
    }

    private static async Task<JsonElement?> ReadJsonAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        using var document = JsonDocument.Parse(text);
        return document.RootElement.Clone();
    }

    private static async Task EnsureSuccessAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if (!response.IsSuccessStatusCode)
        {
            var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            throw new HttpRequestException($"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri}: {(int)response.StatusCode} {body}", null, response.StatusCode);
        }
    }
}
