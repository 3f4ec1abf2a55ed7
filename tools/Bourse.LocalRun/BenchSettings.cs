using Bourse.LocalStack;

namespace Bourse.LocalRun;

/// <summary>The <c>--set KEY=VALUE</c> settings of a benchmark verb: given to the local host, and said in the output.</summary>
internal static class BenchSettings
{
    /// <summary>Adds <paramref name="settings"/> to the local host's (over the benchmark's own) and prints them.</summary>
    public static void Apply(LocalBackOfficeOptions options, IReadOnlyDictionary<string, string> settings, TextWriter output)
    {
        foreach (var (key, value) in settings)
        {
            options.LocalHostSettings[key] = value;
        }

        if (settings.Count > 0)
        {
            output.WriteLine($"settings: {string.Join(", ", settings.Select(s => $"{s.Key}={s.Value}"))}");
        }
    }
}
