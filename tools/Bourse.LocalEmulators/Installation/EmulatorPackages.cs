using System.ComponentModel;
using System.Diagnostics;
using System.Text.Json;

namespace Bourse.LocalEmulators.Installation;

/// <summary>
/// Makes sure <c>node_modules</c> in the emulators' folder matches <c>package.json</c> and <c>package-lock.json</c>,
/// running <c>npm ci --prefer-offline</c> when it does not.
/// </summary>
/// <remarks>
/// <c>npm ci</c> deletes <c>node_modules</c> before it installs, so two processes running it at once (test projects run
/// in parallel) would break each other and any emulator already running from it. An exclusive lock on a file in the
/// folder serialises them across processes; whoever gets it second finds the install done and returns.
/// </remarks>
internal static class EmulatorPackages
{
    public const string LockFileName = ".install.lock";

    private static readonly TimeSpan LockPollInterval = TimeSpan.FromMilliseconds(250);
    private static readonly SemaphoreSlim InProcess = new(1, 1);
    private static int s_installRuns;

    /// <summary>How many times this process ran <c>npm ci</c> (tests check that concurrent callers install once).</summary>
    internal static int InstallRuns => Volatile.Read(ref s_installRuns);

    public static async Task EnsureInstalledAsync(string directory, LocalEmulatorOptions options, CancellationToken cancellationToken)
    {
        if (IsInstalled(directory))
        {
            return;
        }

        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(options.InstallTimeout);
        try
        {
            await InProcess.WaitAsync(deadline.Token).ConfigureAwait(false);
            try
            {
                using var fileLock = await AcquireLockAsync(Path.Combine(directory, LockFileName), deadline.Token).ConfigureAwait(false);
                if (!IsInstalled(directory))
                {
                    await RunNpmCiAsync(directory, options, deadline.Token).ConfigureAwait(false);
                }
            }
            finally
            {
                InProcess.Release();
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new LocalEmulatorException(
                LocalEmulatorFailureReason.InstallFailed,
                $"Installing the local emulators' npm packages in '{directory}' did not finish within " +
                $"{options.InstallTimeout.TotalMinutes:0.#} min (npm ci --prefer-offline, or another process holding " +
                $"{LockFileName}).");
        }

        if (!IsInstalled(directory))
        {
            throw new LocalEmulatorException(
                LocalEmulatorFailureReason.InstallFailed,
                $"npm ci succeeded in '{directory}' but node_modules still does not match package.json (a dependency " +
                "is missing or has another version).");
        }
    }

    /// <summary>
    /// True when npm finished an install (its hidden lockfile exists and is not older than package-lock.json) and
    /// every direct dependency in package.json is in node_modules at the version package-lock.json records.
    /// </summary>
    internal static bool IsInstalled(string directory)
    {
        var modules = Path.Combine(directory, "node_modules");
        var hiddenLock = new FileInfo(Path.Combine(modules, ".package-lock.json"));
        var lockFile = new FileInfo(Path.Combine(directory, "package-lock.json"));
        if (!hiddenLock.Exists || !lockFile.Exists || lockFile.LastWriteTimeUtc > hiddenLock.LastWriteTimeUtc)
        {
            return false;
        }

        using var manifest = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(directory, "package.json")));
        using var locked = JsonDocument.Parse(File.ReadAllBytes(lockFile.FullName));
        if (!manifest.RootElement.TryGetProperty("dependencies", out var dependencies))
        {
            return true;
        }

        var packages = locked.RootElement.GetProperty("packages");
        foreach (var dependency in dependencies.EnumerateObject())
        {
            var installed = Path.Combine(modules, dependency.Name, "package.json");
            var expected = LockedVersion(packages, dependency.Name);
            if (expected is null || !File.Exists(installed))
            {
                return false;
            }

            using var package = JsonDocument.Parse(File.ReadAllBytes(installed));
            if (!package.RootElement.TryGetProperty("version", out var version) || version.GetString() != expected)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The version package-lock.json records for a top-level package (following a local link), or null.</summary>
    private static string? LockedVersion(JsonElement packages, string name)
    {
        if (!packages.TryGetProperty($"node_modules/{name}", out var entry))
        {
            return null;
        }

        if (entry.TryGetProperty("link", out var link) && link.ValueKind == JsonValueKind.True
            && entry.TryGetProperty("resolved", out var target) && packages.TryGetProperty(target.GetString() ?? "", out var linked))
        {
            entry = linked;
        }

        return entry.TryGetProperty("version", out var version) ? version.GetString() : null;
    }

    private static async Task<FileStream> AcquireLockAsync(string path, CancellationToken cancellationToken)
    {
        while (true)
        {
            try
            {
                // FileShare.None takes an exclusive advisory lock (flock) on Unix: another process's open fails.
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException)
            {
                await Task.Delay(LockPollInterval, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private static async Task RunNpmCiAsync(string directory, LocalEmulatorOptions options, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref s_installRuns);
        var startInfo = new ProcessStartInfo(options.NpmExecutable)
        {
            WorkingDirectory = directory,
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in new[] { "ci", "--prefer-offline", "--no-audit", "--no-fund" })
        {
            startInfo.ArgumentList.Add(argument);
        }

        using var process = new Process { StartInfo = startInfo };
        try
        {
            process.Start();
        }
        catch (Win32Exception ex)
        {
            throw new LocalEmulatorException(
                LocalEmulatorFailureReason.NodeNotFound,
                $"Cannot install the local emulators: '{options.NpmExecutable}' could not be run ({ex.Message}). Install " +
                "Node.js 20 or later with npm, or set LocalEmulatorOptions.NpmExecutable to its path.",
                ex);
        }

        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync(CancellationToken.None);
        var stderr = process.StandardError.ReadToEndAsync(CancellationToken.None);
        try
        {
            await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
            throw;
        }

        var output = await stdout.ConfigureAwait(false);
        var errors = await stderr.ConfigureAwait(false);
        if (process.ExitCode != 0)
        {
            throw new LocalEmulatorException(
                LocalEmulatorFailureReason.InstallFailed,
                $"'npm ci --prefer-offline' in '{directory}' exited with code {process.ExitCode}.{Environment.NewLine}" +
                $"Standard error:{Environment.NewLine}{Tail(errors)}{Environment.NewLine}Standard output:{Environment.NewLine}{Tail(output)}");
        }
    }

    /// <summary>The first and last lines of npm's output: its error comes first, then a usage text or a log path.</summary>
    private static string Tail(string text)
    {
        var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => "    " + line.TrimEnd('\r')).ToList();
        if (lines.Count == 0)
        {
            return "    (nothing)";
        }

        return lines.Count <= 30
            ? string.Join(Environment.NewLine, lines)
            : string.Join(Environment.NewLine, [.. lines.Take(12), $"    ... ({lines.Count - 24} lines)", .. lines.TakeLast(12)]);
    }
}
