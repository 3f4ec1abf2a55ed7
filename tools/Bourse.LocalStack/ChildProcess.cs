using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;

namespace Bourse.LocalStack;

/// <summary>
/// A .NET program of the repository run as a child process from its build output: its output kept (the last lines, for
/// errors), ready when a line says so, stopped by SIGTERM (graceful) or killed by SIGKILL (a crash, for the tests).
/// </summary>
public sealed class ChildProcess : IAsyncDisposable
{
    private const int TailLines = 200;

    private readonly Process _process;
    private readonly ConcurrentQueue<string> _tail = new();
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Func<string, bool> _isReadyLine;
    private readonly StreamWriter? _log;
    private readonly Lock _logLock = new();

    private ChildProcess(string name, Process process, Func<string, bool> isReadyLine, string? logPath)
    {
        Name = name;
        _process = process;
        _isReadyLine = isReadyLine;
        if (logPath is not null)
        {
            _log = new StreamWriter(logPath, append: true) { AutoFlush = true };
        }
    }

    /// <summary>The program's name in messages.</summary>
    public string Name { get; }

    /// <summary>The process id.</summary>
    public int Id => _process.Id;

    /// <summary>Whether the process has ended.</summary>
    public bool HasExited => _process.HasExited;

    /// <summary>The last lines it wrote (standard output and error, interleaved as they came).</summary>
    public string Output => string.Join('\n', _tail);

    /// <summary>Starts <c>dotnet <paramref name="assembly"/> <paramref name="arguments"/></c>.</summary>
    /// <param name="name">For messages.</param>
    /// <param name="assembly">The program's entry assembly (a <c>.dll</c> in its build output).</param>
    /// <param name="arguments">Its arguments.</param>
    /// <param name="environment">Variables added to the inherited environment (configuration such as <c>Cosmos__Database</c>).</param>
    /// <param name="isReadyLine">True for the output line that says the program is ready.</param>
    /// <param name="logPath">A file that receives every line, or <see langword="null"/>.</param>
    public static ChildProcess Start(
        string name, string assembly, IEnumerable<string> arguments, IReadOnlyDictionary<string, string> environment, Func<string, bool> isReadyLine,
        string? logPath = null)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        ArgumentNullException.ThrowIfNull(environment);
        if (!File.Exists(assembly))
        {
            throw new FileNotFoundException($"{name} is not built: {assembly} is missing (build Functions.sln first).", assembly);
        }

        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            // A pipe only this process holds: the local host stops itself when it closes (this process died).
            RedirectStandardInput = true,
            WorkingDirectory = Path.GetDirectoryName(assembly)!,
        };
        start.ArgumentList.Add(assembly);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        var child = new ChildProcess(name, process, isReadyLine, logPath);
        process.OutputDataReceived += (_, e) => child.OnLine(e.Data);
        process.ErrorDataReceived += (_, e) => child.OnLine(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return child;
    }

    /// <summary>Waits for the ready line; throws with the output when the program exits or <paramref name="timeout"/> passes first.</summary>
    public async Task WaitUntilReadyAsync(TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        var exited = _process.WaitForExitAsync(cancellationToken);
        var first = await Task.WhenAny(_ready.Task, exited, Task.Delay(timeout, cancellationToken)).ConfigureAwait(false);
        if (first != _ready.Task)
        {
            var why = first == exited ? $"exited with code {_process.ExitCode}" : $"was not ready after {timeout.TotalSeconds:0} s";
            throw new InvalidOperationException($"{Name} {why}:\n{Output}");
        }
    }

    /// <summary>SIGKILL: the process dies at once, as in a crash; nothing of it runs.</summary>
    public void Kill()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        _process.WaitForExit();
    }

    /// <summary>SIGTERM, then waits for the graceful stop; SIGKILL after <paramref name="timeout"/>.</summary>
    /// <returns>The exit code.</returns>
    public async Task<int> StopAsync(TimeSpan timeout)
    {
        if (!_process.HasExited)
        {
            using (var term = Process.Start("kill", ["-TERM", _process.Id.ToString(CultureInfo.InvariantCulture)]))
            {
                await term.WaitForExitAsync().ConfigureAwait(false);
            }

            using var wait = new CancellationTokenSource(timeout);
            try
            {
                await _process.WaitForExitAsync(wait.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                Kill();
            }
        }

        await _process.WaitForExitAsync().ConfigureAwait(false);
        return _process.ExitCode;
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited)
            {
                await StopAsync(TimeSpan.FromSeconds(20)).ConfigureAwait(false);
            }
        }
        catch (InvalidOperationException)
        {
            // Never started.
        }

        _process.Dispose();
        if (_log is not null)
        {
            await _log.DisposeAsync().ConfigureAwait(false);
        }
    }

    private void OnLine(string? line)
    {
        if (line is null)
        {
            return;
        }

        _tail.Enqueue(line);
        while (_tail.Count > TailLines && _tail.TryDequeue(out _))
        {
        }

        if (_log is not null)
        {
            lock (_logLock)
            {
                _log.WriteLine(line);
            }
        }

        if (!_ready.Task.IsCompleted && _isReadyLine(line))
        {
            _ready.TrySetResult();
        }
    }
}
