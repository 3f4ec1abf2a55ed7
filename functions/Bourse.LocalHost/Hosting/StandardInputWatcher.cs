namespace Bourse.LocalHost.Hosting;

/// <summary>
/// With <c>LocalHost:ExitWithStandardInput</c> set, stops the host when its standard input closes: a parent that starts
/// the host on a pipe (the local run, the tests) dies however it dies, the kernel closes the pipe, and no orphan keeps
/// the ports, the task hub's leases or the engine's clients.
/// </summary>
internal sealed class StandardInputWatcher(IHostApplicationLifetime lifetime) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var input = Console.OpenStandardInput();
        var buffer = new byte[256];
        try
        {
            while (await input.ReadAsync(buffer, stoppingToken).ConfigureAwait(false) > 0)
            {
            }
        }
        catch (OperationCanceledException)
        {
            return;
        }

        lifetime.StopApplication();
    }
}
