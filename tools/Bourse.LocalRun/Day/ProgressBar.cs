using System.Diagnostics;
using System.Globalization;

namespace Bourse.LocalRun.Day;

/// <summary>
/// One line that redraws itself on a terminal; when the output is a file or a pipe (CI, <c>| tee</c>), a plain line every
/// few seconds instead, so logs stay readable.
/// </summary>
internal sealed class ProgressBar(TextWriter output, bool interactive)
{
    private const int Width = 30;
    private readonly Stopwatch _sinceLastLine = Stopwatch.StartNew();
    private int _lastLength;
    private bool _drawn;

    /// <summary>Redraws in place only on a terminal.</summary>
    public static ProgressBar For(TextWriter output) => new(output, ReferenceEquals(output, Console.Out) && !Console.IsOutputRedirected);

    public void Draw(int done, int total, string detail, TimeSpan elapsed)
    {
        var filled = total == 0 ? Width : (int)((long)done * Width / total);
        var line = string.Create(CultureInfo.InvariantCulture,
            $"  [{new string('#', filled)}{new string('.', Width - filled)}] {done,4}/{total} settled | {detail} | {elapsed:m\\:ss}");
        if (interactive)
        {
            output.Write('\r' + line.PadRight(_lastLength));
            _lastLength = line.Length;
            _drawn = true;
        }
        else if (_sinceLastLine.Elapsed >= TimeSpan.FromSeconds(10) || done == total)
        {
            output.WriteLine(line);
            _sinceLastLine.Restart();
        }
    }

    /// <summary>Ends the redrawn line so what follows starts on its own.</summary>
    public void Finish()
    {
        if (interactive && _drawn)
        {
            output.WriteLine();
            _drawn = false;
        }
    }
}
