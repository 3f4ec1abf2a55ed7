namespace Bourse.EngineHost.Tests.Commands;

/// <summary>
/// A fact that needs <c>python3</c> and the conformance reference engine (<c>shared/conformance/bourse_ref.py</c> in
/// this checkout's parent folders, or the path in <c>BOURSE_REF_PY</c>); skipped, and saying so, where they are missing.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
internal sealed class PythonReferenceFactAttribute : FactAttribute
{
    public PythonReferenceFactAttribute()
    {
        if (ReferencePath is null)
        {
            Skip = "bourse_ref.py not found (set BOURSE_REF_PY)";
        }
        else if (Python is null)
        {
            Skip = "python3 not on PATH";
        }
    }

    public static string? ReferencePath { get; } = FindReference();

    public static string? Python { get; } = FindOnPath("python3");

    private static string? FindReference()
    {
        string? configured = Environment.GetEnvironmentVariable("BOURSE_REF_PY");
        if (!string.IsNullOrEmpty(configured))
        {
            return File.Exists(configured) ? configured : null;
        }

        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            string candidate = Path.Combine(directory.FullName, "shared", "conformance", "bourse_ref.py");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }

    private static string? FindOnPath(string program) =>
        (Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(directory => Path.Combine(directory, program))
            .FirstOrDefault(File.Exists);
}
