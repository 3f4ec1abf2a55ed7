using System.Net;
using System.Net.Sockets;
using System.Text;
using Bourse.Domain.Reporting;
using Bourse.Domain.Reporting.FinCen;
using Bourse.Domain.Risk;
using Bourse.Domain.Risk.Ports;
using Bourse.Orchestrations.Hosting;
using Bourse.Orchestrations.OrderToClearing;
using Bourse.Orchestrations.Ports;
using Bourse.Orchestrations.RegulatoryReports;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Bourse.Orchestrations.Tests.Support;

/// <summary>
/// The saga on the in-process Durable Task test host (real replay, timers in real time) with the ports in memory:
/// instrument 600519 (CNY, tick 0.01, lot 10, limits [50, 200], reference price 100), fees 2.5 bp, the risk rules of
/// <see cref="RiskRules"/>.
/// </summary>
internal sealed class SagaHost : IAsyncDisposable
{
    public const int Instrument = 600519;
    public const string Security = "SEC:600519";

    /// <summary>The risk rules: securities orders of 1,000,000 CNY or more are flagged, one sanctioned name, a daily limit
    /// of 10,000,000 CNY (50,000 for account A-LIMIT), a 10 % band around the reference price.</summary>
    public const string RiskRules = """
        {
          "RiskRules": {
            "Version": "saga-test-1",
            "LargeValue": { "Thresholds": [ { "Currency": "CNY", "Amount": 1000000, "Channel": "SecuritiesOrder" } ] },
            "Sanctions": { "Entries": [ { "Id": "SDN-1001", "Name": "Zhang Weiming" } ] },
            "Jurisdictions": { "RejectedCountries": [ "KP" ], "FlaggedCountries": [ "MM" ] },
            "DailyNotionalLimit": { "Limits": { "CNY": 10000000 }, "AccountLimits": { "A-LIMIT": { "CNY": 50000 } } },
            "PriceBand": { "MaxDeviationPercent": 10 }
          }
        }
        """;

    private readonly DurableTaskTestHost _host;

    private SagaHost(DurableTaskTestHost host, SagaPorts ports)
    {
        _host = host;
        Ports = ports;
    }

    public SagaPorts Ports { get; }

    public DurableTaskClient Client => _host.Client;

    /// <summary>The regulators' schemas, compiled once for every host of the run (the shared reference copy).</summary>
    public static readonly Lazy<RegulatorySchemas> Schemas = new(() => RegulatorySchemas.Load(RegulatorySchemas.LocateDefaultDirectory()));

    /// <summary>Who files the reports.</summary>
    public static readonly ReportFiler Filer = new()
    {
        InstitutionName = "Bourse Securities LLC", TaxId = "123456789", Street = "1 Example Plaza", City = "New York", State = "NY",
        PostalCode = "10004", Country = "US", ContactOffice = "BSA Compliance", ContactPhone = "2125550100", TransmitterControlCode = "TBSATEST",
    };

    /// <summary>Starts a host; <paramref name="ledger"/> replaces the in-memory ledger (a Moq fault injector over it), and
    /// <paramref name="configure"/> changes the services last (a fault injector, other report settings).</summary>
    public static async Task<SagaHost> StartAsync(Func<InMemoryLedger, ILedger>? ledger = null, Action<IServiceCollection>? configure = null)
    {
        var ports = new SagaPorts();
        ports.Reference.Instruments[Instrument] = new InstrumentInfo(Instrument, "CNY", 0.01m, 10, true, 50m, 200m);
        ports.ReferencePrices.ReferencePrices[Instrument.ToString(System.Globalization.CultureInfo.InvariantCulture)] = 100m;
        IConfiguration configuration = new ConfigurationBuilder()
            .AddJsonStream(new MemoryStream(Encoding.UTF8.GetBytes(RiskRules)))
            .AddInMemoryCollection([new("Fees:RateBasisPoints", "2.5")])
            .Build();
        ILedger ledgerPort = ledger?.Invoke(ports.Ledger) ?? ports.Ledger;
        var options = new DurableTaskTestHostOptions
        {
            Port = FreePort(),
            LoggerFactory = LoggerFactory.Create(b => b.SetMinimumLevel(LogLevel.Warning)),
            ConfigureServices = services =>
            {
                services.AddLogging(b => b.SetMinimumLevel(LogLevel.Warning));
                services.AddSingleton<IReferenceData>(ports.Reference);
                services.AddSingleton<IRiskDecisionStore>(ports.Risk);
                services.AddSingleton<IRegulatoryFlagSink>(ports.Risk);
                services.AddSingleton<IRegulatoryFlagSource>(ports.Risk);
                services.AddSingleton<IReportFiles>(ports.ReportFiles);
                services.AddSingleton<IReportAuditTrail>(ports.ReportAudit);
                services.AddSingleton<IRegulatorGateway>(ports.Regulator);
                services.AddSingleton<IRegulatoryReportFormat>(new FinCenSarFormat());
                services.AddSingleton<IRegulatoryReportFormat>(new FinCenCtrFormat());
                services.AddSingleton<IRegulatorySchemaValidator>(Schemas.Value);
                services.AddSingleton(ledgerPort);
                services.AddSingleton<IEngineOrderEntry>(ports.Engine);
                services.AddSingleton<IOrderEventPublisher>(ports.Events);
                services.AddSingleton<IOrderActivityLog>(ports.Activity);
                services.AddSingleton<ICustomerTransactionHistory>(ports.Activity);
                services.AddSingleton<IAccountExposureSource>(ports.Activity);
                services.AddSingleton<IReferencePriceSource>(ports.ReferencePrices);
                services.AddBourseRiskRules(configuration);
                services.AddBourseOrchestrations();
                services.Configure<FeeSchedule>(configuration.GetSection(FeeSchedule.SectionName));
                services.Configure<RegulatoryReportingOptions>(o =>
                {
                    o.Filer = Filer;
                    o.ExchangeRates["CNY"] = 0.1385m;
                });
                configure?.Invoke(services);
            },
        };
        DurableTaskTestHost host = await DurableTaskTestHost.StartAsync(registry => registry.AddBourseOrchestrations(), options);
        ports.Engine.Raise = (orderId, report) => host.Client.RaiseEventAsync(orderId, SagaEvents.ExecutionReport, report);
        return new SagaHost(host, ports);
    }

    /// <summary>A new active account of an individual with <paramref name="cash"/> CNY and <paramref name="shares"/> shares.</summary>
    public string NewAccount(decimal cash, long shares = 0, string name = "Li Na", string country = "CN", string? id = null)
    {
        string account = id ?? "A-" + Guid.NewGuid().ToString("N")[..8];
        Ports.Reference.Accounts[account] = new AccountInfo(account, AccountStatus.Active, "C-" + account, CustomerType.Individual, name, country);
        Ports.Ledger.Deposit(account, "CNY", cash);
        Ports.Ledger.Deposit(account, Security, shares);
        return account;
    }

    /// <summary>A limit order of <paramref name="account"/>; the client order id is the order id (the engine simulator raises reports by it).</summary>
    public static OrderToClearingInput Order(
        string account, OrderSide side, decimal price, long quantity, TimeInForce timeInForce = TimeInForce.Gtc, DateTimeOffset? expiresAt = null,
        OrderToClearingSettings? settings = null)
    {
        string orderId = "O-" + Guid.NewGuid().ToString("N")[..12];
        return new OrderToClearingInput
        {
            OrderId = orderId,
            ClientOrderId = orderId,
            AccountId = account,
            InstrumentId = Instrument,
            Side = side,
            LimitPrice = price,
            Quantity = quantity,
            TimeInForce = timeInForce,
            ExpiresAt = expiresAt,
            Settings = settings ?? FastSettings,
        };
    }

    /// <summary>Retries in tens of milliseconds, so that a failing activity fails fast.</summary>
    public static OrderToClearingSettings FastSettings { get; } = new()
    {
        ActivityMaxAttempts = 3,
        ActivityFirstRetryInterval = TimeSpan.FromMilliseconds(50),
        ActivityMaxRetryInterval = TimeSpan.FromMilliseconds(200),
        ReportWaitTimeout = TimeSpan.FromSeconds(10),
    };

    public async Task<string> StartAsync(OrderToClearingInput input)
    {
        await Client.ScheduleNewOrchestrationInstanceAsync(
            OrderToClearingOrchestration.Name, input, new StartOrchestrationOptions { InstanceId = input.OrderId });
        return input.OrderId;
    }

    public Task RaiseAsync(string orderId, ExecutionReport report) => Client.RaiseEventAsync(orderId, SagaEvents.ExecutionReport, report);

    public async Task<OrderToClearingResult> CompletionAsync(string orderId, int seconds = 20)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(seconds));
        OrchestrationMetadata done;
        try
        {
            done = await Client.WaitForInstanceCompletionAsync(orderId, getInputsAndOutputs: true, timeout.Token);
        }
        catch (OperationCanceledException)
        {
            OrchestrationMetadata? now = await Client.GetInstanceAsync(orderId, getInputsAndOutputs: true);
            Assert.Fail($"{orderId} did not complete in {seconds} s: {now?.RuntimeStatus}, status {now?.SerializedCustomStatus}");
            throw;
        }

        Assert.True(done.RuntimeStatus == OrchestrationRuntimeStatus.Completed, $"{done.RuntimeStatus}: {done.FailureDetails}");
        return done.ReadOutputAs<OrderToClearingResult>()!;
    }

    /// <summary>Polls the custom status until <paramref name="until"/> holds.</summary>
    public async Task<OrderToClearingStatus> StatusAsync(string orderId, Func<OrderToClearingStatus, bool> until, int seconds = 20)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(seconds));
        while (true)
        {
            OrchestrationMetadata? metadata = await Client.GetInstanceAsync(orderId, getInputsAndOutputs: true, timeout.Token);
            OrderToClearingStatus? status = metadata?.ReadCustomStatusAs<OrderToClearingStatus>();
            if (status is not null && until(status))
            {
                return status;
            }

            await Task.Delay(25, timeout.Token);
        }
    }

    public ValueTask DisposeAsync() => _host.DisposeAsync();

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

internal sealed class SagaPorts
{
    public InMemoryReferenceData Reference { get; } = new();

    public InMemoryRiskRecords Risk { get; } = new();

    public InMemoryReferencePrices ReferencePrices { get; } = new();

    public InMemoryOrderActivityLog Activity { get; } = new();

    public InMemoryLedger Ledger { get; } = new();

    public EngineSimulator Engine { get; } = new();

    public InMemoryOrderEvents Events { get; } = new();

    public InMemoryReportFiles ReportFiles { get; } = new();

    public InMemoryReportAudit ReportAudit { get; } = new();

    public InMemoryRegulator Regulator { get; } = new();
}
