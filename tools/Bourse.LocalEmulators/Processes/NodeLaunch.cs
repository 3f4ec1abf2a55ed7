namespace Bourse.LocalEmulators.Processes;

/// <summary>What <see cref="NodeProcess.StartAsync"/> runs and how it knows the process is ready.</summary>
/// <param name="DisplayName">The emulator's name in errors ("Azurite").</param>
/// <param name="NodeExecutable">The Node.js executable.</param>
/// <param name="Script">The script to run (absolute path).</param>
/// <param name="Arguments">The script's arguments.</param>
/// <param name="WorkingDirectory">The process's working directory.</param>
/// <param name="IsReadyLine">
/// Called with each line of standard output, in order, until it returns true: the process is then ready. It may
/// collect what the lines say (the ports) as it goes.
/// </param>
/// <param name="StartTimeout">How long to wait for the ready line.</param>
/// <param name="StopTimeout">How long to wait after SIGTERM before SIGKILL.</param>
internal sealed record NodeLaunch(
    string DisplayName,
    string NodeExecutable,
    string Script,
    IReadOnlyList<string> Arguments,
    string WorkingDirectory,
    Func<string, bool> IsReadyLine,
    TimeSpan StartTimeout,
    TimeSpan StopTimeout);
