using Bourse.EngineHost.Configuration;
using Microsoft.Extensions.Options;

namespace Bourse.EngineHost.Cli;

/// <summary>Loads the <c>--config</c> settings of a verb, reporting every refused setting or an unreadable file on stderr.</summary>
internal static class EngineHostConfigInput
{
    /// <returns>The settings, or null when they could not be used (the reasons are on <paramref name="stderr"/>).</returns>
    public static EngineHostOptions? TryLoad(string verb, string configPath, TextWriter stderr)
    {
        try
        {
            return EngineHostConfiguration.Load(configPath);
        }
        catch (OptionsValidationException e)
        {
            stderr.WriteLine($"bourse-engine {verb}: {configPath}: the configuration is refused:");
            foreach (var failure in e.Failures)
            {
                stderr.WriteLine($"  - {failure}");
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidDataException)
        {
            stderr.WriteLine($"bourse-engine {verb}: cannot read '{configPath}': {Messages(e)}");
        }

        return null;
    }

    /// <summary>The message of <paramref name="e"/> and of each inner exception (the JSON parser's line and position).</summary>
    private static string Messages(Exception e)
    {
        var messages = new List<string>();
        for (var x = e; x is not null; x = x.InnerException)
        {
            messages.Add(x.Message);
        }

        return string.Join(" ", messages);
    }
}
