using Bourse.DurableTaskLocal;
using Microsoft.Extensions.Options;

namespace Bourse.LocalHost.Hosting;

/// <summary>
/// Runs the Durable Task sidecar (the Azure Storage backend behind a gRPC endpoint) for the host's lifetime. Registered
/// before the worker: hosted services start in order, so the worker's first call finds the sidecar listening, and stop in
/// reverse, so the worker lets go of its work items before the backend goes away.
/// </summary>
internal sealed partial class DurableTaskSidecarService(IOptions<DurableTaskOptions> options, ILogger<DurableTaskSidecarService> logger) : IHostedService
{
    private DurableTaskSidecar? _sidecar;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        _sidecar = await DurableTaskSidecar.StartAsync(settings.StorageConnectionString, settings.TaskHub, settings.SidecarPort, settings.Sidecar, cancellationToken)
            .ConfigureAwait(false);
        LogListening(logger, settings.TaskHub, _sidecar.Address);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_sidecar is not null)
        {
            await _sidecar.DisposeAsync().ConfigureAwait(false);
            _sidecar = null;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Durable Task sidecar for task hub {TaskHub} listening on {Address}")]
    private static partial void LogListening(ILogger logger, string taskHub, Uri address);
}
