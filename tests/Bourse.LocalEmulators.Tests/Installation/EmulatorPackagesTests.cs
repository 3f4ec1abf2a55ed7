using Bourse.LocalEmulators.Installation;
using Bourse.LocalEmulators.Tests.Support;

namespace Bourse.LocalEmulators.Tests.Installation;

/// <summary>Installing the npm packages: detected as needed or not, done once however many callers race for it.</summary>
public sealed class EmulatorPackagesTests
{
    [Fact]
    public void The_repositorys_emulators_are_found_from_the_test_binaries()
    {
        var directory = EmulatorsDirectory.Resolve(null);

        Assert.True(File.Exists(Path.Combine(directory, "cosmos-server.js")));
        Assert.True(File.Exists(Path.Combine(directory, "azurite-server.js")));
        Assert.True(File.Exists(Path.Combine(directory, "package-lock.json")));
    }

    [Fact]
    public void A_folder_outside_any_repository_is_refused_with_the_setting_to_use()
    {
        using var outside = new TempDirectory();

        var failure = Assert.Throws<LocalEmulatorException>(() => EmulatorsDirectory.Resolve(null, outside.Path));

        Assert.Equal(LocalEmulatorFailureReason.ToolsNotFound, failure.Reason);
        Assert.Contains("EmulatorsDirectory", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_repositorys_packages_are_installed_at_the_pinned_versions()
    {
        var directory = EmulatorsDirectory.Resolve(null);
        await EmulatorPackages.EnsureInstalledAsync(directory, new LocalEmulatorOptions(), CancellationToken.None);

        Assert.True(EmulatorPackages.IsInstalled(directory));
        Assert.Contains("\"azurite\": \"3.37.0\"", await File.ReadAllTextAsync(Path.Combine(directory, "package.json")), StringComparison.Ordinal);
        Assert.Contains("\"@vercel/cosmosdb-server\": \"1.0.1\"", await File.ReadAllTextAsync(Path.Combine(directory, "package.json")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Concurrent_callers_run_npm_ci_once_and_a_changed_lock_file_is_installed_again()
    {
        using var project = new TempDirectory();
        await WriteProjectAsync(project, version: "1.0.0");
        Assert.False(EmulatorPackages.IsInstalled(project.Path));
        var before = EmulatorPackages.InstallRuns;

        await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(
            () => EmulatorPackages.EnsureInstalledAsync(project.Path, new LocalEmulatorOptions(), CancellationToken.None))));

        Assert.True(EmulatorPackages.IsInstalled(project.Path));
        Assert.Equal(before + 1, EmulatorPackages.InstallRuns);

        // A new version in the lock file (a pull, a dependency bump): the install is stale until npm ci runs again.
        await WriteProjectAsync(project, version: "1.0.1");
        // Age the old install rather than date the lock file ahead: npm ci, done within a second, must leave it current.
        File.SetLastWriteTimeUtc(project.Combine("node_modules", ".package-lock.json"), File.GetLastWriteTimeUtc(project.Combine("package-lock.json")).AddSeconds(-10));
        Assert.False(EmulatorPackages.IsInstalled(project.Path));
        await EmulatorPackages.EnsureInstalledAsync(project.Path, new LocalEmulatorOptions(), CancellationToken.None);
        Assert.True(EmulatorPackages.IsInstalled(project.Path));
        Assert.Equal(before + 2, EmulatorPackages.InstallRuns);
    }

    [Fact]
    public async Task A_failing_npm_ci_is_reported_with_its_output()
    {
        using var project = new TempDirectory();
        await WriteProjectAsync(project, version: "1.0.0");
        // Out of sync with package.json: npm ci refuses to install.
        await File.WriteAllTextAsync(project.Combine("package.json"), """
            { "name": "fake-emulators", "version": "1.0.0", "private": true, "dependencies": { "other-dep": "file:other-dep" } }
            """);

        var failure = await Assert.ThrowsAsync<LocalEmulatorException>(
            () => EmulatorPackages.EnsureInstalledAsync(project.Path, new LocalEmulatorOptions(), CancellationToken.None));

        Assert.Equal(LocalEmulatorFailureReason.InstallFailed, failure.Reason);
        Assert.Contains("npm ci --prefer-offline", failure.Message, StringComparison.Ordinal);
        Assert.Contains("npm error", failure.Message, StringComparison.Ordinal);
    }

    /// <summary>
    /// An npm project whose one dependency is a package in a sibling folder (a file: dependency, linked), so that
    /// npm ci installs it without the registry.
    /// </summary>
    private static async Task WriteProjectAsync(TempDirectory project, string version)
    {
        Directory.CreateDirectory(project.Combine("local-dep"));
        await File.WriteAllTextAsync(project.Combine("local-dep", "package.json"), $$"""{ "name": "local-dep", "version": "{{version}}" }""");
        await File.WriteAllTextAsync(project.Combine("package.json"), """
            { "name": "fake-emulators", "version": "1.0.0", "private": true, "dependencies": { "local-dep": "file:local-dep" } }
            """);
        await File.WriteAllTextAsync(project.Combine("package-lock.json"), $$"""
            {
              "name": "fake-emulators",
              "version": "1.0.0",
              "lockfileVersion": 3,
              "requires": true,
              "packages": {
                "": { "name": "fake-emulators", "version": "1.0.0", "dependencies": { "local-dep": "file:local-dep" } },
                "local-dep": { "version": "{{version}}" },
                "node_modules/local-dep": { "resolved": "local-dep", "link": true }
              }
            }
            """);
    }
}
