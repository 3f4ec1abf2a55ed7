namespace Bourse.LocalEmulators.Installation;

/// <summary>Finds <c>tools/local-emulators</c>: configured, or under the repository root above the running program.</summary>
internal static class EmulatorsDirectory
{
    /// <summary>The file that marks the repository root.</summary>
    public const string RootMarker = "Functions.sln";

    /// <summary>The emulators' folder relative to the repository root.</summary>
    public static readonly string RelativePath = Path.Combine("tools", "local-emulators");

    /// <exception cref="LocalEmulatorException">The folder was not found, or has no package.json.</exception>
    public static string Resolve(string? configured) => Resolve(configured, AppContext.BaseDirectory);

    internal static string Resolve(string? configured, string searchFrom)
    {
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return RequireManifest(Path.GetFullPath(configured), "the configured EmulatorsDirectory");
        }

        for (var directory = new DirectoryInfo(searchFrom); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, RootMarker)))
            {
                return RequireManifest(Path.Combine(directory.FullName, RelativePath), $"the repository root {directory.FullName}");
            }
        }

        throw new LocalEmulatorException(
            LocalEmulatorFailureReason.ToolsNotFound,
            $"Cannot find the local emulators: no folder above '{searchFrom}' holds {RootMarker}. Set " +
            "LocalEmulatorOptions.EmulatorsDirectory to the repository's tools/local-emulators folder.");
    }

    private static string RequireManifest(string directory, string origin) =>
        File.Exists(Path.Combine(directory, "package.json"))
            ? directory
            : throw new LocalEmulatorException(
                LocalEmulatorFailureReason.ToolsNotFound,
                $"Cannot find the local emulators: '{directory}' (from {origin}) has no package.json.");
}
