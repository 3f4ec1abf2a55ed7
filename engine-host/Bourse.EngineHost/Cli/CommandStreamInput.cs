using Bourse.Engine.Matching;
using Bourse.EngineHost.Commands;

namespace Bourse.EngineHost.Cli;

/// <summary>Loads the <c>--commands</c> stream of a verb, reporting a malformed or unreadable file on stderr.</summary>
internal static class CommandStreamInput
{
    /// <returns>The commands, or null when the file could not be used (the reason is on <paramref name="stderr"/>).</returns>
    public static OrderCommand[]? TryLoad(string verb, string path, TextWriter stderr)
    {
        try
        {
            return CommandStreamReader.ReadAll(path);
        }
        catch (CommandStreamFormatException e)
        {
            stderr.WriteLine($"bourse-engine {verb}: {path}: {e.Message}");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            stderr.WriteLine($"bourse-engine {verb}: cannot read '{path}': {e.Message}");
        }

        return null;
    }
}
