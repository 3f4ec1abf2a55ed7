using Azure.Messaging.EventHubs.Producer;
using Bourse.Adapters.Cosmos;
using Bourse.Adapters.DurableTask;
using Bourse.Adapters.EngineHost;
using Bourse.Adapters.EventHubs;
using Bourse.Adapters.Reporting;
using Azure.Storage.Blobs;
using Bourse.Domain.Reporting;
using Bourse.Orchestrations.RegulatoryReports;
using Bourse.Orchestrations.Hosting;
using Bourse.Orchestrations.OrderToClearing;
using Bourse.Orchestrations.Ports;
using Grpc.Net.Client;
using Microsoft.Azure.Cosmos;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using V1 = Bourse.Contracts.Engine.V1;

namespace Bourse.Adapters.Hosting;

/// <summary>
/// The composition of the saga's ports on Azure services, for every host (the local host, the Functions app): one place
/// that says which adapter serves which port and where each reads its settings.
/// </summary>
public static class AdapterServiceCollectionExtensions
{
    /// <summary>
    /// Registers the adapters of the saga's ports from <paramref name="configuration"/>: the ledger
    /// (<see cref="CosmosSagaLedger"/>), the risk records (<see cref="CosmosRiskRecords"/>), the reference data
    /// (<see cref="CosmosReferenceData"/>) and the order activity (<see cref="CosmosOrderActivity"/>) on Cosmos DB (section
    /// <see cref="CosmosStoreOptions.SectionName"/>), the engine's order entry over gRPC (section
    /// <see cref="EngineOrderEntryEndpointOptions.SectionName"/>, retries in section <c>EngineOrderEntry:Resilience</c>),
    /// and the order events on Event Hubs (section <see cref="BackOfficeEventHubsOptions.SectionName"/>).
    /// </summary>
    /// <remarks>A host that must build the <see cref="CosmosClient"/> itself (managed identity, the local server's pinned
    /// certificate) registers it first; otherwise one is made from <see cref="CosmosStoreOptions.ConnectionString"/>.</remarks>
    public static IServiceCollection AddBourseAdapters(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);

        services.AddOptions<CosmosStoreOptions>().Bind(configuration.GetSection(CosmosStoreOptions.SectionName))
            .Validate(o => !string.IsNullOrWhiteSpace(o.Database), "Cosmos:Database is required.")
            .ValidateOnStart();
        services.AddOptions<EngineOrderEntryEndpointOptions>().Bind(configuration.GetSection(EngineOrderEntryEndpointOptions.SectionName))
            .Validate(o => o.Address is { IsAbsoluteUri: true }, "EngineOrderEntry:Address must be an absolute URL such as http://127.0.0.1:5101.")
            .ValidateOnStart();
        services.AddOptions<GrpcEngineOrderEntryOptions>().Bind(configuration.GetSection(EngineOrderEntryEndpointOptions.SectionName + ":Resilience"));
        services.AddOptions<BackOfficeEventHubsOptions>().Bind(configuration.GetSection(BackOfficeEventHubsOptions.SectionName))
            .Validate(o => !string.IsNullOrWhiteSpace(o.ConnectionString), "EventHubs:ConnectionString is required.")
            .ValidateOnStart();
        services.AddOptions<CosmosLedgerOptions>().Bind(configuration.GetSection("Ledger"));
        // The saga's fee rate: both hosts compose here, so both charge what configuration says (unset: no fee).
        services.AddOptions<FeeSchedule>().Bind(configuration.GetSection(FeeSchedule.SectionName))
            .Validate(o => o.RateBasisPoints >= 0, "Fees:RateBasisPoints must not be negative.")
            .ValidateOnStart();

        services.TryAddSingleton(sp =>
        {
            var connection = sp.GetRequiredService<IOptions<CosmosStoreOptions>>().Value.ConnectionString;
            return string.IsNullOrWhiteSpace(connection)
                ? throw new OptionsValidationException(
                    CosmosStoreOptions.SectionName, typeof(CosmosStoreOptions), ["Cosmos:ConnectionString is required when the host registers no CosmosClient."])
                : new CosmosClient(connection, new CosmosClientOptions { ConnectionMode = ConnectionMode.Gateway });
        });
        services.TryAddSingleton(sp => sp.GetRequiredService<CosmosClient>().GetDatabase(sp.GetRequiredService<IOptions<CosmosStoreOptions>>().Value.Database));
        services.AddHostedService<CosmosStoreInitializer>();
        var databaseName = configuration[CosmosStoreOptions.SectionName + ":Database"] is { Length: > 0 } name ? name : new CosmosStoreOptions().Database;

        services.AddSingleton(new CosmosAdaptersServiceCollectionExtensions.ContainerSetup(async (client, provider, cancellationToken) =>
        {
            var database = await client.CreateDatabaseIfNotExistsAsync(databaseName, cancellationToken: cancellationToken).ConfigureAwait(false);
            await CosmosLedger.CreateContainersIfNotExistsAsync(
                database.Database, provider.GetRequiredService<IOptions<CosmosLedgerOptions>>().Value, cancellationToken).ConfigureAwait(false);
            await CosmosRiskRecords.CreateContainersIfNotExistsAsync(
                database.Database, RiskDecisionsContainer, RegulatoryFlagsContainer, cancellationToken).ConfigureAwait(false);
            await CosmosExecutionStore.CreateContainerIfNotExistsAsync(database.Database, ExecutionsContainer, cancellationToken).ConfigureAwait(false);
            await CosmosOrderLinkStore.CreateContainerIfNotExistsAsync(database.Database, OrderLinksContainer, cancellationToken).ConfigureAwait(false);
            await CosmosReportAuditTrail.CreateContainerIfNotExistsAsync(database.Database, ReportAuditContainer, cancellationToken).ConfigureAwait(false);
        }));
        services.TryAddSingleton(sp =>
        {
            var database = sp.GetRequiredService<Database>();
            var options = sp.GetRequiredService<IOptions<CosmosLedgerOptions>>().Value;
            return new CosmosLedger(database.GetContainer(options.AccountsContainer), database.GetContainer(options.EntriesContainer), options,
                sp.GetService<TimeProvider>());
        });
        services.TryAddSingleton<CosmosSagaLedger>();
        services.TryAddSingleton<ILedger>(sp => sp.GetRequiredService<CosmosSagaLedger>());
        services.TryAddSingleton<IFillEntryReader>(sp => sp.GetRequiredService<CosmosSagaLedger>());
        services.TryAddSingleton<ILedgerReader, CosmosLedgerReader>();

        services.TryAddSingleton(sp =>
        {
            var database = sp.GetRequiredService<Database>();
            return new CosmosRiskRecords(database.GetContainer(RiskDecisionsContainer), database.GetContainer(RegulatoryFlagsContainer));
        });
        services.TryAddSingleton<IRiskDecisionStore>(sp => sp.GetRequiredService<CosmosRiskRecords>());
        services.TryAddSingleton<IRegulatoryFlagSink>(sp => sp.GetRequiredService<CosmosRiskRecords>());
        services.TryAddSingleton<IRegulatoryFlagSource>(sp => sp.GetRequiredService<CosmosRiskRecords>());
        services.TryAddSingleton<IReportAuditTrail>(sp => new CosmosReportAuditTrail(sp.GetRequiredService<Database>().GetContainer(ReportAuditContainer)));

        services.AddBourseCosmosReferenceData(o => o.DatabaseName = databaseName);
        services.AddBourseCosmosOrderActivity(o => o.DatabaseName = databaseName);

        services.TryAddSingleton<IExecutionStore>(sp => new CosmosExecutionStore(
            sp.GetRequiredService<Database>().GetContainer(ExecutionsContainer), sp.GetRequiredService<IOptions<CosmosLedgerOptions>>().Value, sp.GetService<TimeProvider>()));
        services.TryAddSingleton<IOrchestrationStartClaims>(sp => new CosmosOrchestrationStartClaims(
            sp.GetRequiredService<Database>().GetContainer(OrderLinksContainer), sp.GetRequiredService<IOptions<CosmosLedgerOptions>>().Value, sp.GetService<TimeProvider>()));
        services.TryAddSingleton<IOrderLinkStore>(sp => new CosmosOrderLinkStore(
            sp.GetRequiredService<Database>().GetContainer(OrderLinksContainer), sp.GetRequiredService<IOptions<CosmosLedgerOptions>>().Value, sp.GetService<TimeProvider>()));
        // The host registers the DurableTaskClient (the worker's sidecar, or the Functions extension's client).
        services.TryAddSingleton<ISagaEventRaiser>(sp => new DurableTaskSagaEventRaiser(sp.GetRequiredService<DurableTaskClient>(), timeProvider: sp.GetService<TimeProvider>()));
        services.AddBourseExecutionRouting();

        services.TryAddSingleton(sp => GrpcChannel.ForAddress(sp.GetRequiredService<IOptions<EngineOrderEntryEndpointOptions>>().Value.Address!));
        services.TryAddSingleton<IEngineOrderEntry>(sp => new GrpcEngineOrderEntry(
            new V1.OrderEntry.OrderEntryClient(sp.GetRequiredService<GrpcChannel>()), sp.GetRequiredService<IOptions<GrpcEngineOrderEntryOptions>>().Value));

        services.TryAddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<BackOfficeEventHubsOptions>>().Value;
            return new EventHubProducerClient(options.ConnectionString, options.OrderEventsHub);
        });
        services.TryAddSingleton<IOrderEventPublisher, EventHubsOrderEventPublisher>();
        return services;
    }

    /// <summary>
    /// Runs the execution relay in the host (a hosted service): the executions hub of section
    /// <see cref="BackOfficeEventHubsOptions.SectionName"/>, checkpoints in Blob storage (section
    /// <see cref="CheckpointStorageOptions.SectionName"/>), retries in section <c>ExecutionRelay</c>. Register after
    /// <see cref="AddBourseAdapters"/> and the Durable Task client.
    /// </summary>
    public static IServiceCollection AddBourseExecutionRelay(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<CheckpointStorageOptions>().Bind(configuration.GetSection(CheckpointStorageOptions.SectionName))
            .Validate(o => !string.IsNullOrWhiteSpace(o.ConnectionString), "Storage:ConnectionString is required (the relay's checkpoints).")
            .ValidateOnStart();
        services.AddOptions<ExecutionRelayOptions>().Bind(configuration.GetSection("ExecutionRelay"));
        services.TryAddSingleton(sp => new ExecutionRelayMetrics(sp.GetService<System.Diagnostics.Metrics.IMeterFactory>()));
        services.TryAddSingleton(TimeProvider.System);
        services.AddHostedService<ExecutionRelayService>();
        return services;
    }

    /// <summary>
    /// Registers what the regulatory reports need beyond <see cref="AddBourseAdapters"/>: their settings (section
    /// <see cref="RegulatoryReportingOptions.SectionName"/>), the FinCEN SAR and CTR formats, the regulators' schemas (from
    /// <see cref="RegulatoryReportingOptions.SchemaDirectory"/>, else the repository's reference copy), the report files on
    /// Blob storage (section <see cref="CheckpointStorageOptions.SectionName"/>'s account) and the regulator's drop folder.
    /// </summary>
    public static IServiceCollection AddBourseRegulatoryReporting(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<RegulatoryReportingOptions>().Bind(configuration.GetSection(RegulatoryReportingOptions.SectionName));
        services.AddOptions<ReportAdapterOptions>().Bind(configuration.GetSection(ReportAdapterOptions.SectionName));
        services.AddOptions<CheckpointStorageOptions>().Bind(configuration.GetSection(CheckpointStorageOptions.SectionName));
        foreach (var format in RegulatoryReportFormats.All)
        {
            services.AddSingleton(format);
        }
        services.TryAddSingleton<IRegulatorySchemaValidator>(sp =>
        {
            var configured = sp.GetRequiredService<IOptions<RegulatoryReportingOptions>>().Value.SchemaDirectory;
            return RegulatorySchemas.Load(string.IsNullOrWhiteSpace(configured) ? RegulatorySchemas.LocateDefaultDirectory() : configured);
        });
        services.TryAddSingleton<IReportFiles>(sp =>
        {
            var storage = sp.GetRequiredService<IOptions<CheckpointStorageOptions>>().Value.ConnectionString;
            if (string.IsNullOrWhiteSpace(storage))
            {
                throw new OptionsValidationException(CheckpointStorageOptions.SectionName, typeof(CheckpointStorageOptions),
                    ["Storage:ConnectionString is required (the report files)."]);
            }

            var options = sp.GetRequiredService<IOptions<ReportAdapterOptions>>().Value;
            var blobs = new BlobServiceClient(storage);
            return new BlobReportFiles(
                blobs.GetBlobContainerClient(options.StagingContainer), blobs.GetBlobContainerClient(options.ArchiveContainer), options.CreateContainers);
        });
        services.TryAddSingleton<IRegulatorGateway>(sp =>
        {
            var folder = sp.GetRequiredService<IOptions<ReportAdapterOptions>>().Value.DropFolder;
            return string.IsNullOrWhiteSpace(folder)
                ? throw new OptionsValidationException(ReportAdapterOptions.SectionName, typeof(ReportAdapterOptions),
                    ["RegulatoryReports:DropFolder is required to submit reports."])
                : new DropFolderRegulatorGateway(folder);
        });
        return services;
    }

    /// <summary>The container of the execution reports the relay consumed (by instrument).</summary>
    public const string ExecutionsContainer = "executions";

    /// <summary>The container of the links from engine orders to sagas.</summary>
    public const string OrderLinksContainer = "order-links";

    /// <summary>The container of the risk decisions (by order id).</summary>
    public const string RiskDecisionsContainer = "risk-decisions";

    /// <summary>The container of the reports' audit trail (by report date).</summary>
    public const string ReportAuditContainer = "report-audit";

    /// <summary>The container of the regulatory flags (by UTC day).</summary>
    public const string RegulatoryFlagsContainer = "regulatory-flags";
}
