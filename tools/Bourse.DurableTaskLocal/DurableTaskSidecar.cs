using System.Net;
using DurableTask.AzureStorage;
using DurableTask.Core;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.DurableTask.Testing.Sidecar.Grpc;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Bourse.DurableTaskLocal;

/// <summary>
/// A Durable Task sidecar on 127.0.0.1: the gRPC protocol of the portable SDK (Microsoft.DurableTask.Worker / Client
/// with UseGrpc) in front of <see cref="AzureStorageOrchestrationService"/>, so orchestrations keep their state in
/// Azure Storage (Azurite locally) and survive the worker's process.
/// </summary>
/// <remarks>
/// One worker may connect at a time ("another client is already connected"): to scale out, run more processes, each
/// with its own sidecar on the same task hub; the provider's partition leases share the work.
/// </remarks>
public sealed class DurableTaskSidecar : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly AzureStorageOrchestrationService _service;

    private DurableTaskSidecar(WebApplication app, AzureStorageOrchestrationService service, Uri address)
    {
        _app = app;
        _service = service;
        Address = address;
    }

    /// <summary>The sidecar's gRPC address, for <c>GrpcChannel.ForAddress</c>.</summary>
    public Uri Address { get; }

    /// <summary>Creates the task hub if needed, then serves it on a free loopback port (or <paramref name="port"/>).</summary>
    /// <param name="storageConnectionString">The Azure Storage (Azurite) connection string.</param>
    /// <param name="taskHubName">The task hub: its queues, tables and blobs are named after it.</param>
    /// <param name="port">The port on 127.0.0.1; 0 picks a free one.</param>
    /// <param name="options">Provider settings; the defaults suit one machine (see <see cref="DurableTaskSidecarOptions"/>).</param>
    public static async Task<DurableTaskSidecar> StartAsync(
        string storageConnectionString, string taskHubName, int port = 0, DurableTaskSidecarOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(storageConnectionString);
        ArgumentException.ThrowIfNullOrEmpty(taskHubName);
        options ??= new DurableTaskSidecarOptions();
        var settings = new AzureStorageOrchestrationServiceSettings
        {
            TaskHubName = taskHubName,
            StorageAccountClientProvider = new StorageAccountClientProvider(storageConnectionString),
            PartitionCount = options.PartitionCount,
            // The default (30 s) is how long an idle hub can take to notice a new message; locally that is a stall.
            MaxQueuePollingInterval = options.MaxQueuePollingInterval,
            ControlQueueVisibilityTimeout = options.MessageVisibilityTimeout,
            WorkItemQueueVisibilityTimeout = options.MessageVisibilityTimeout,
            MaxConcurrentTaskOrchestrationWorkItems = options.MaxConcurrentOrchestrationWorkItems,
            MaxConcurrentTaskActivityWorkItems = options.MaxConcurrentActivityWorkItems,
            // A start refused by its dedupe statuses (StartOnceOrchestrationServiceClient) fails the caller's call instead
            // of returning as if it had started something.
            ThrowExceptionOnInvalidDedupeStatus = true,
        };
        if (options.ExtendedSessionIdleTimeout > TimeSpan.Zero)
        {
            settings.ExtendedSessionsEnabled = true;
            settings.ExtendedSessionIdleTimeout = options.ExtendedSessionIdleTimeout;
        }

        var service = new AzureStorageOrchestrationService(settings);

        // The sidecar starts the service but never creates the hub.
        await service.CreateIfNotExistsAsync().ConfigureAwait(false);

        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.Logging.AddSimpleConsole().SetMinimumLevel(options.MinimumLogLevel);
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, port, listen => listen.Protocols = HttpProtocols.Http2));
        builder.Services.AddGrpc();
        builder.Services.AddSingleton<IOrchestrationService>(service);
        builder.Services.AddSingleton<IOrchestrationServiceClient>(new StartOnceOrchestrationServiceClient(service));

        // One instance for the process: gRPC services are created per call by default, and each instance starts the
        // orchestration service when the application has started (a second start throws on a pool thread and kills
        // the process). Created before the start so that it starts the service exactly then.
        builder.Services.AddSingleton<TaskHubGrpcServer>();
        var app = builder.Build();
        _ = app.Services.GetRequiredService<TaskHubGrpcServer>();
        app.MapGrpcService<TaskHubGrpcServer>();
        try
        {
            await app.StartAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await app.DisposeAsync().ConfigureAwait(false);
            service.Dispose();
            throw;
        }

        var bound = new Uri(app.Urls.First());
        return new DurableTaskSidecar(app, service, new Uri($"http://127.0.0.1:{bound.Port}"));
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
        await _service.StopAsync(isForced: true).ConfigureAwait(false);
        _service.Dispose();
    }
}
