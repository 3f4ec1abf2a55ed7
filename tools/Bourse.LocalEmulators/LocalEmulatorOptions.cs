namespace Bourse.LocalEmulators;

/// <summary>Where the emulators' npm packages are, which Node.js runs them, and how long each step may take.</summary>
public class LocalEmulatorOptions
{
    /// <summary>
    /// The <c>tools/local-emulators</c> folder (its <c>package.json</c>, <c>package-lock.json</c> and wrapper scripts).
    /// </summary>
    /// <value>
    /// The default value is <c>null</c>: the folder is found by walking up from <see cref="AppContext.BaseDirectory"/> to
    /// the repository root (the folder that holds <c>Functions.sln</c>).
    /// </value>
    public string? EmulatorsDirectory { get; set; }

    /// <summary>The Node.js executable, a path or a name looked up on <c>PATH</c>.</summary>
    /// <value>The default value is <c>node</c>.</value>
    public string NodeExecutable { get; set; } = "node";

    /// <summary>The npm executable that installs the packages when <c>node_modules</c> is missing or stale.</summary>
    /// <value>The default value is <c>npm</c>.</value>
    public string NpmExecutable { get; set; } = "npm";

    /// <summary>How long <c>npm ci</c> may run (and how long to wait for another process that is running it).</summary>
    /// <value>The default value is 10 minutes.</value>
    public TimeSpan InstallTimeout { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>How long the emulator may take from process start to its ready line.</summary>
    /// <value>The default value is 60 seconds (Azurite alone takes 2–3 seconds to load on an idle 2-core machine).</value>
    public TimeSpan StartTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>How long the emulator may take to exit after SIGTERM before it is killed.</summary>
    /// <value>The default value is 10 seconds (Azurite flushes its metadata to disk on the way out).</value>
    public TimeSpan StopTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Throws when a value is out of range.</summary>
    public virtual void Validate()
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(NodeExecutable, nameof(NodeExecutable));
        ArgumentException.ThrowIfNullOrWhiteSpace(NpmExecutable, nameof(NpmExecutable));
        ThrowIfNotPositive(InstallTimeout, nameof(InstallTimeout));
        ThrowIfNotPositive(StartTimeout, nameof(StartTimeout));
        ThrowIfNotPositive(StopTimeout, nameof(StopTimeout));
    }

    private protected static void ThrowIfNotPort(int port, string name)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(port, name);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(port, 65535, name);
    }

    private static void ThrowIfNotPositive(TimeSpan value, string name)
    {
        if (value <= TimeSpan.Zero && value != Timeout.InfiniteTimeSpan)
        {
            throw new ArgumentOutOfRangeException(name, value, "A timeout must be positive (or Timeout.InfiniteTimeSpan).");
        }
    }
}
