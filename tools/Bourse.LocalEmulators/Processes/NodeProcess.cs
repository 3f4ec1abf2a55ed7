using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;

namespace Bourse.LocalEmulators.Processes;

/// <summary>
/// A Node.js emulator process: started with its standard input on a pipe that only this object holds, ready when its
/// standard output says so, stopped by SIGTERM and, if it lingers, SIGKILL.
/// </summary>
/// <remarks>
/// The wrapper scripts run with <c>--exit-with-stdin</c>: when this process dies, however it dies, the kernel closes
/// the pipe's write end and the emulator stops itself, so no orphan keeps the ports or the data directory.
/// </remarks>
internal sealed class NodeProcess : IAsyncDisposable
{
    private const int TailLines = 40;

    private readonly NodeLaunch _launch;
    private readonly Process _process;
    private readonly OutputTail _stdout = new(TailLines);
    private readonly OutputTail _stderr = new(TailLines);
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly SemaphoreSlim _stopping = new(1, 1);
    private bool _started;
    private int _processId;
    private int? _exitCode;

    private NodeProcess(NodeLaunch launch)
    {
        _launch = launch;
        var startInfo = new ProcessStartInfo(launch.NodeExecutable)
        {
            WorkingDirectory = launch.WorkingDirectory,
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        startInfo.ArgumentList.Add(launch.Script);
        foreach (var argument in launch.Arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        _process = new Process { StartInfo = startInfo };
        _process.OutputDataReceived += (_, e) => OnStandardOutput(e.Data);
        _process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                _stderr.Add(e.Data);
            }
        };
    }

    /// <summary>The process id (kept after the process exited and this object was disposed).</summary>
    public int ProcessId => _processId;

    /// <summary>The exit code once the process has exited and <see cref="StopAsync"/> or <see cref="DisposeAsync"/> saw it.</summary>
    public int? ExitCode => _exitCode;

    /// <summary>The command line, for messages.</summary>
    public string CommandLine => string.Join(' ', new[] { _launch.NodeExecutable, _launch.Script }.Concat(_launch.Arguments));

    /// <summary>Starts the process and waits for its ready line.</summary>
    /// <exception cref="LocalEmulatorException">Node.js could not be started, the process exited first, or it timed out.</exception>
    public static async Task<NodeProcess> StartAsync(NodeLaunch launch, CancellationToken cancellationToken)
    {
        var node = new NodeProcess(launch);
        try
        {
            node.Start();
            await node.WaitUntilReadyAsync(cancellationToken).ConfigureAwait(false);
            return node;
        }
        catch
        {
            await node.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>
    /// Stops the process: SIGTERM, then SIGKILL if it has not exited within the stop timeout (or when
    /// <paramref name="cancellationToken"/> fires, so that a cancelled stop still leaves no process behind).
    /// </summary>
    public async Task StopAsync(CancellationToken cancellationToken = default)
    {
        await _stopping.WaitAsync(CancellationToken.None).ConfigureAwait(false);
        try
        {
            if (!IsStarted())
            {
                return;
            }

            if (_process.HasExited)
            {
                _exitCode = _process.ExitCode;
                return;
            }

            var signalled = OperatingSystem.IsWindows() ? KillNow() : PosixSignals.TryTerminate(_process.Id);
            if (signalled)
            {
                using var grace = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                grace.CancelAfter(_launch.StopTimeout);
                try
                {
                    await _process.WaitForExitAsync(grace.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    KillNow();
                }
            }

            await _process.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
            _exitCode = _process.ExitCode;
            cancellationToken.ThrowIfCancellationRequested();
        }
        finally
        {
            _stopping.Release();
        }
    }

    /// <summary>
    /// Closes this side of the process's standard input, as the kernel does when this process dies; the wrapper then
    /// stops by itself.
    /// </summary>
    internal void CloseStandardInput() => _process.StandardInput.Close();

    public async ValueTask DisposeAsync()
    {
        try
        {
            await StopAsync().ConfigureAwait(false);
        }
        finally
        {
            if (IsStarted())
            {
                _process.StandardInput.Dispose();
            }

            _process.Dispose();
            _stopping.Dispose();
        }
    }

    private void Start()
    {
        try
        {
            _process.Start();
            _started = true;
            _processId = _process.Id;
        }
        catch (Win32Exception ex)
        {
            throw new LocalEmulatorException(
                LocalEmulatorFailureReason.NodeNotFound,
                $"{_launch.DisplayName} cannot start: '{_launch.NodeExecutable}' could not be run ({ex.Message}). Install " +
                "Node.js 20 or later, or set LocalEmulatorOptions.NodeExecutable to its path.",
                ex);
        }

        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    private async Task WaitUntilReadyAsync(CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(_launch.StartTimeout);
        var exited = _process.WaitForExitAsync(deadline.Token);
        try
        {
            await Task.WhenAny(_ready.Task, exited).ConfigureAwait(false);
            if (_ready.Task.IsCompletedSuccessfully)
            {
                return;
            }

            await exited.ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            KillNow();
            await _process.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
            throw new LocalEmulatorException(
                LocalEmulatorFailureReason.StartTimedOut,
                $"{_launch.DisplayName} did not say it was ready within {_launch.StartTimeout.TotalSeconds:0.#} s and was " +
                $"killed.{Describe()}");
        }

        throw new LocalEmulatorException(
            LocalEmulatorFailureReason.ExitedBeforeReady,
            $"{_launch.DisplayName} exited with code {_process.ExitCode.ToString(CultureInfo.InvariantCulture)} before it " +
            $"said it was ready.{Describe()}");
    }

    private void OnStandardOutput(string? line)
    {
        if (line is null)
        {
            return;
        }

        _stdout.Add(line);
        if (!_ready.Task.IsCompleted && _launch.IsReadyLine(line))
        {
            _ready.TrySetResult();
        }
    }

    private string Describe() =>
        $"{Environment.NewLine}Command: {CommandLine}{Environment.NewLine}Working directory: {_launch.WorkingDirectory}" +
        $"{Environment.NewLine}Standard error (last {TailLines} lines):{Environment.NewLine}{_stderr}" +
        $"{Environment.NewLine}Standard output (last {TailLines} lines):{Environment.NewLine}{_stdout}";

    private bool KillNow()
    {
        try
        {
            _process.Kill(entireProcessTree: true);
            return true;
        }
        catch (InvalidOperationException)
        {
            return false; // already exited
        }
    }

    private bool IsStarted() => _started;
}
