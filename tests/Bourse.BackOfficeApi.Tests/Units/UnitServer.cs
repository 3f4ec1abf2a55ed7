using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using Bourse.BackOfficeApi.Hosting;
using Bourse.BackOfficeApi.Units;
using Bourse.Orchestrations.Ports;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Bourse.BackOfficeApi.Tests.Units;

/// <summary>
/// One unit as a real server: Kestrel on 127.0.0.1 serving <see cref="BackOfficeApiEndpointRouteBuilderExtensions.MapBourseBackOfficeApi"/>
/// with the in-memory ports, its own recording Durable Task client and the test API keys; every request it receives is
/// recorded with the routing header it carried.
/// </summary>
public sealed class UnitServer : IAsyncDisposable
{
    public const string TraderKey = "trader-key";
    public const string OperationsKey = "ops-key";
    public const string ComplianceKey = "compliance-key";

    private readonly WebApplication _app;

    private UnitServer(WebApplication app, Uri baseUrl, FakeDurableClient durable, InMemoryReferenceData referenceData)
    {
        _app = app;
        BaseUrl = baseUrl;
        Durable = durable;
        ReferenceData = referenceData;
    }

    public Uri BaseUrl { get; }

    public FakeDurableClient Durable { get; }

    public InMemoryReferenceData ReferenceData { get; }

    /// <summary>Method, path and the <see cref="UnitHeaders.ForwardedBy"/> header of each request received.</summary>
    public ConcurrentQueue<(string Method, string Path, string? ForwardedBy)> Received { get; } = new();

    public IServiceProvider Services => _app.Services;

    /// <summary>Starts a unit whose settings may name its own URL (its entry in the unit map): the port is chosen first, and
    /// chosen again should another process take it before Kestrel binds it.</summary>
    public static async Task<UnitServer> StartAsync(Func<Uri, IDictionary<string, string?>> settings, TimeSpan? healthDelay = null)
    {
        for (int attempt = 1; ; attempt++)
        {
            var baseUrl = new Uri($"http://127.0.0.1:{FreePort()}");
            try
            {
                return await StartAsync(baseUrl, settings(baseUrl), healthDelay);
            }
            catch (IOException) when (attempt < 5)
            {
                // Address in use: the port went to someone else between the probe and the bind.
            }
        }
    }

    /// <summary>Starts a unit with no map (a single unit) or with one that does not name its own URL.</summary>
    public static Task<UnitServer> StartAsync(IDictionary<string, string?>? settings = null, TimeSpan? healthDelay = null) =>
        StartAsync(_ => settings ?? new Dictionary<string, string?>(), healthDelay);

    private static async Task<UnitServer> StartAsync(Uri baseUrl, IDictionary<string, string?> settings, TimeSpan? healthDelay)
    {
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseUrls(baseUrl.AbsoluteUri);
        builder.Logging.ClearProviders();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["BackOfficeApi:ApiKeys:0:Key"] = TraderKey,
            ["BackOfficeApi:ApiKeys:0:ClientId"] = "trader",
            ["BackOfficeApi:ApiKeys:0:Roles:0"] = "trader",
            ["BackOfficeApi:ApiKeys:0:Accounts:0"] = "*",
            ["BackOfficeApi:ApiKeys:1:Key"] = OperationsKey,
            ["BackOfficeApi:ApiKeys:1:ClientId"] = "ops",
            ["BackOfficeApi:ApiKeys:1:Roles:0"] = "operations",
            ["BackOfficeApi:ApiKeys:2:Key"] = ComplianceKey,
            ["BackOfficeApi:ApiKeys:2:ClientId"] = "compliance",
            ["BackOfficeApi:ApiKeys:2:Roles:0"] = "compliance",
        });
        builder.Configuration.AddInMemoryCollection(settings);
        var durable = new FakeDurableClient();
        var referenceData = new InMemoryReferenceData();
        builder.Services.AddSingleton<IReferenceData>(referenceData);
        builder.Services.AddSingleton<ILedgerReader>(new InMemoryLedgerReader());
        builder.Services.AddSingleton<IRiskDecisionStore>(new InMemoryRiskDecisions());
        builder.Services.AddSingleton(durable.Client);
        builder.Services.AddBourseBackOfficeApiWithApiKeys(builder.Configuration);
        var app = builder.Build();
        UnitServer? server = null;
        app.Use(async (context, next) =>
        {
            server!.Received.Enqueue((context.Request.Method, context.Request.Path.Value ?? "",
                context.Request.Headers.TryGetValue(UnitHeaders.ForwardedBy, out var by) ? by.ToString() : null));
            if (healthDelay is { } delay && context.Request.Path.Equals("/api/health", StringComparison.Ordinal))
            {
                await Task.Delay(delay, context.RequestAborted);
            }

            await next(context);
        });
        app.MapBourseBackOfficeApi();
        server = new UnitServer(app, baseUrl, durable, referenceData);
        try
        {
            await app.StartAsync();
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }

        return server;
    }

    /// <summary>A client of this unit with <paramref name="key"/>; it follows redirects only when asked.</summary>
    public HttpClient Client(string key, bool followRedirects = false)
    {
        var client = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = followRedirects }) { BaseAddress = BaseUrl, Timeout = TimeSpan.FromSeconds(30) };
        client.DefaultRequestHeaders.Add("X-Api-Key", key);
        return client;
    }

    /// <summary>A loopback port nothing listens on (free when asked; a connection to it is refused).</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}

/// <summary>The settings of a unit map, as the configuration would hold them.</summary>
public static class UnitSettings
{
    public static Dictionary<string, string?> Map(string self, UnitRoutingMode routing, params (string Name, Uri BaseUrl, UnitState State)[] units)
    {
        var settings = new Dictionary<string, string?>
        {
            ["BackOfficeApi:Units:Self"] = self,
            ["BackOfficeApi:Units:Routing"] = routing.ToString(),
        };
        for (int i = 0; i < units.Length; i++)
        {
            settings[$"BackOfficeApi:Units:Map:{i}:Name"] = units[i].Name;
            settings[$"BackOfficeApi:Units:Map:{i}:BaseUrl"] = units[i].BaseUrl.AbsoluteUri;
            settings[$"BackOfficeApi:Units:Map:{i}:State"] = units[i].State.ToString();
        }

        return settings;
    }

    /// <summary>The map of <paramref name="units"/> as <see cref="UnitMap"/> reads it.</summary>
    public static UnitMap MapOf(string? self, params (string Name, double Weight, UnitState State)[] units)
    {
        var options = new UnitMapOptions { Self = self };
        foreach (var (name, weight, state) in units)
        {
            options.Map.Add(new UnitOptions { Name = name, BaseUrl = new Uri($"https://{name}.bourse.test/"), Weight = weight, State = state });
        }

        return new UnitMap(options);
    }

    /// <summary>The first of user-0, user-1, ... that <paramref name="map"/> homes at <paramref name="unit"/>.</summary>
    public static string UserHomedAt(UnitMap map, string unit, string region = "SH")
    {
        for (int i = 0; ; i++)
        {
            var user = "user-" + i.ToString(System.Globalization.CultureInfo.InvariantCulture);
            if (map.HomeOf(region, user).Name == unit)
            {
                return user;
            }
        }
    }
}
