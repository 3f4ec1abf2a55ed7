using System.Data.Common;
using Bourse.Adapters.Hosting;
using Bourse.BackOfficeApi.Hosting;
using Bourse.Domain.Risk;
using Bourse.LocalEmulators;
using Bourse.Orchestrations.Hosting;
using Grpc.Net.Client;
using Microsoft.Azure.Cosmos;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Worker;

namespace Bourse.LocalHost.Hosting;

/// <summary>The local host's composition: the back office's orchestrations, adapters and backends on one machine.</summary>
internal static class LocalHostServiceCollectionExtensions
{
    /// <summary>The configuration key of the local Cosmos server's certificate (PEM): when set, the client trusts
    /// exactly that certificate, on loopback only (<see cref="LocalCosmosClient"/>).</summary>
    public const string CosmosCertificateKey = "Cosmos:LocalServerCertificatePath";

    public static IServiceCollection AddBourseLocalHost(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<DurableTaskOptions>().Bind(configuration.GetSection(DurableTaskOptions.SectionName))
            .Validate(o => o.SidecarPort is > 0 and < 65536, "DurableTask:SidecarPort must be a port number (1-65535).")
            .ValidateOnStart();

        if (configuration[CosmosCertificateKey] is { Length: > 0 } certificatePath)
        {
            services.AddSingleton(_ => LocalCosmosClientFrom(configuration["Cosmos:ConnectionString"], certificatePath));
        }

        services.AddBourseAdapters(configuration);
        services.AddBourseRegulatoryReporting(configuration);
        services.AddBourseRiskRules(configuration);
        services.AddBourseOrchestrations();

        // After the adapters' store initializer (containers first), before the worker (the backend first).
        services.AddHostedService<DurableTaskSidecarService>();
        var durable = new DurableTaskOptions();
        configuration.GetSection(DurableTaskOptions.SectionName).Bind(durable);
        var channel = GrpcChannel.ForAddress($"http://127.0.0.1:{durable.SidecarPort}");
        services.AddDurableTaskWorker(worker =>
        {
            worker.AddTasks(registry => registry.AddBourseOrchestrations());
            worker.Configure(o =>
            {
                o.Concurrency.MaximumConcurrentOrchestrationWorkItems = durable.MaxConcurrentOrchestrations;
                o.Concurrency.MaximumConcurrentActivityWorkItems = durable.MaxConcurrentActivities;
            });
            worker.UseGrpc(channel);
        });
        services.AddDurableTaskClient(client => client.UseGrpc(channel));

        // The back-office HTTP API: the Functions app's handlers, behind API keys, roles and the per-client limit.
        services.AddBourseBackOfficeApiWithApiKeys(configuration);
        services.AddBourseReconciliationTimer(configuration);
        services.AddBourseRegulatoryReportTimer(configuration);

        // Last: it raises reports to sagas, so the worker (and the sidecar before it) must be up.
        services.AddBourseExecutionRelay(configuration);
        return services;
    }

    private static CosmosClient LocalCosmosClientFrom(string? connectionString, string certificatePath)
    {
        var parts = new DbConnectionStringBuilder { ConnectionString = connectionString ?? "" };
        if (!parts.TryGetValue("AccountEndpoint", out var endpoint) || !parts.TryGetValue("AccountKey", out var key))
        {
            throw new InvalidOperationException("Cosmos:ConnectionString must have AccountEndpoint and AccountKey.");
        }

        using var certificate = System.Security.Cryptography.X509Certificates.X509Certificate2.CreateFromPem(File.ReadAllText(certificatePath));
        return LocalCosmosClient.Create(new Uri((string)endpoint), (string)key, certificate.RawData);
    }
}
