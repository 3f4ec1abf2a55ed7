using Bourse.BackOfficeApi;
using Bourse.Functions.Hosting;
using Bourse.Orchestrations.OrderToClearing.Activities;
using Bourse.Orchestrations.Reconciliation.Activities;
using Bourse.Orchestrations.RegulatoryReports;
using Bourse.Orchestrations.RegulatoryReports.Activities;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Bourse.Functions.Tests;

/// <summary>The Functions app's container (<see cref="FunctionsServiceCollectionExtensions.AddBourseFunctions"/>) gives the
/// triggers and activity functions what they ask for, from the settings of local.settings.sample.json.</summary>
public sealed class CompositionTests
{
    private static ServiceProvider Build()
    {
        var sample = Path.Combine(RepositoryRoot(), "local.settings.sample.json");
        using var document = System.Text.Json.JsonDocument.Parse(File.ReadAllText(sample));
        var values = document.RootElement.GetProperty("Values").EnumerateObject()
            .ToDictionary(p => p.Name.Replace("__", ":", StringComparison.Ordinal), p => (string?)p.Value.GetString());
        // The sample's Cosmos key is a placeholder; the client only checks that a key is base64.
        values["Cosmos:ConnectionString"] = "AccountEndpoint=https://127.0.0.1:8081/;AccountKey=" + Convert.ToBase64String(new byte[64]);
        // The sample's schema directory and drop folder are placeholders: here, the shared XSDs and a temporary folder.
        values["RegulatoryReports:SchemaDirectory"] = Bourse.Domain.Reporting.RegulatorySchemas.LocateDefaultDirectory();
        values["RegulatoryReports:DropFolder"] = Path.Combine(Path.GetTempPath(), "bourse-composition-outbox");
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        var services = new ServiceCollection().AddLogging();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddBourseFunctions(configuration);
        return services.BuildServiceProvider();
    }

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (!File.Exists(Path.Combine(directory!.FullName, "Functions.sln")))
        {
            directory = directory.Parent;
        }

        return directory.FullName;
    }

    [Fact]
    public async Task The_http_triggers_dependencies_resolve()
    {
        await using var services = Build();

        Assert.NotNull(services.GetRequiredService<BackOfficeApiHandlers>());
        Assert.NotNull(services.GetRequiredService<BackOfficeGate>());
        Assert.NotNull(services.GetRequiredService<Bourse.BackOfficeApi.Units.UnitRouter>());
        Assert.NotNull(services.GetRequiredService<Bourse.BackOfficeApi.Units.UnitHealthBoard>());
        Assert.Equal("local", services.GetRequiredService<Bourse.BackOfficeApi.Units.UnitMap>().Self?.Name);
        Assert.Equal(2, services.GetRequiredService<Microsoft.Extensions.Options.IOptions<BackOfficeApiOptions>>().Value.ReconciliationInstrumentIds.Count);
        Assert.NotNull(services.GetRequiredService<RegulatoryReportHandlers>());
    }

    [Fact]
    public async Task The_reports_settings_bind_from_the_sample_and_both_FinCEN_formats_are_registered()
    {
        await using var services = Build();
        var reporting = services.GetRequiredService<Microsoft.Extensions.Options.IOptions<RegulatoryReportingOptions>>().Value;

        Assert.Equal("Bourse Securities LLC", reporting.Filer?.InstitutionName);
        Assert.Equal("TBSATEST", reporting.Filer?.TransmitterControlCode);
        Assert.Equal(0.1385m, reporting.ExchangeRates["CNY"]);
        Assert.Equal(["US-FINCEN/SAR", "US-FINCEN/CTR"], reporting.Scheduled);
        Assert.Equal(["US-FINCEN/CTR", "US-FINCEN/SAR"],
            services.GetRequiredService<RegulatoryReportFormatCatalog>().All.Select(f => $"{f.Jurisdiction}/{f.ReportType}"));
    }

    [Theory]
    [InlineData(typeof(ValidateOrderActivity))]
    [InlineData(typeof(AssessRiskActivity))]
    [InlineData(typeof(ReserveFundsActivity))]
    [InlineData(typeof(CancelAtEngineActivity))]
    [InlineData(typeof(ClearFillActivity))]
    [InlineData(typeof(ReleaseHoldActivity))]
    [InlineData(typeof(PublishOrderEventActivity))]
    [InlineData(typeof(LoadFillFactsActivity))]
    [InlineData(typeof(LoadFillEntriesActivity))]
    [InlineData(typeof(ClearDirectFillsActivity))]
    [InlineData(typeof(SubmitToEngineActivity))]
    [InlineData(typeof(ReRaiseExecutionsActivity))]
    [InlineData(typeof(CollectReportableActivity))]
    [InlineData(typeof(AssembleReportActivity))]
    [InlineData(typeof(ArchiveReportActivity))]
    [InlineData(typeof(SubmitReportActivity))]
    public async Task Each_activity_class_resolves(Type activity)
    {
        // Async disposal: the Event Hubs producer in the container is only IAsyncDisposable.
        await using var services = Build();

        Assert.IsType(activity, services.GetRequiredService(activity));
    }

    [Fact]
    public async Task The_saga_event_raiser_uses_the_client_its_invocation_lends()
    {
        await using var services = Build();
        var raiser = services.GetRequiredService<Bourse.Orchestrations.Ports.ISagaEventRaiser>();
        var durable = new Bourse.BackOfficeApi.Tests.FakeDurableClient();
        durable.Instances["ord-1"] = Bourse.BackOfficeApi.Tests.FakeDurableClient.Instance(
            "OrderToClearing", "ord-1", null, Microsoft.DurableTask.Client.OrchestrationRuntimeStatus.Running);

        await Assert.ThrowsAsync<InvalidOperationException>(async () => await raiser.GetStateAsync("ord-1"));
        using (Orchestrations.InvocationSagaEventRaiser.Use(durable.Client))
        {
            Assert.Equal(Bourse.Orchestrations.Ports.SagaInstanceState.Running, await raiser.GetStateAsync("ord-1"));
        }
    }
}
