using System.Globalization;
using System.Text;

namespace Bourse.EngineHost.Topology;

/// <summary>
/// The kernel's CPU list format, as in <c>/sys/devices/system/node/node0/cpulist</c> and
/// <c>/sys/devices/system/cpu/online</c>: comma-separated CPU ids and inclusive ranges, e.g. <c>0-3,8-11</c>; an empty
/// list is an empty (or blank) file.
/// </summary>
internal static class CpuList
{
    /// <summary>The largest CPU id accepted (the kernel's own limit, NR_CPUS, is at most 8192).</summary>
    public const int MaxCpu = 65_535;

    /// <summary>The CPUs of <paramref name="text"/>, ascending and without repeats.</summary>
    /// <param name="text">A CPU list; whitespace around it and around its items (a file's newline) is ignored.</param>
    /// <exception cref="FormatException">The text is not a CPU list; the message quotes it.</exception>
    public static IReadOnlyList<int> Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (string.IsNullOrWhiteSpace(text))
        {
            return [];
        }

        var cpus = new SortedSet<int>();
        foreach (string raw in text.Split(','))
        {
            string item = raw.Trim();
            int dash = item.IndexOf('-', StringComparison.Ordinal);
            int first = ParseCpu(dash < 0 ? item : item[..dash], text);
            int last = dash < 0 ? first : ParseCpu(item[(dash + 1)..], text);
            if (last < first)
            {
                throw Malformed(text, $"range '{item}' ends before it starts");
            }

            for (int cpu = first; cpu <= last; cpu++)
            {
                cpus.Add(cpu);
            }
        }

        return [.. cpus];
    }

    /// <summary>The shortest CPU list for <paramref name="cpus"/> (<c>0-3,8-11</c>); empty for none.</summary>
    public static string Format(IEnumerable<int> cpus)
    {
        ArgumentNullException.ThrowIfNull(cpus);
        var text = new StringBuilder();
        int[] sorted = [.. cpus.Distinct().Order()];
        for (int i = 0; i < sorted.Length;)
        {
            int end = i;
            while (end + 1 < sorted.Length && sorted[end + 1] == sorted[end] + 1)
            {
                end++;
            }

            if (text.Length > 0)
            {
                text.Append(',');
            }

            text.Append(CultureInfo.InvariantCulture, $"{sorted[i]}");
            if (end > i)
            {
                text.Append(CultureInfo.InvariantCulture, $"-{sorted[end]}");
            }

            i = end + 1;
        }

        return text.ToString();
    }

    private static int ParseCpu(string item, string text)
    {
        // Digits only: no sign, no spaces inside, no hex; the kernel writes nothing else.
        if (item.Length == 0 || item.Length > 5 || !item.All(char.IsAsciiDigit))
        {
            throw Malformed(text, item.Length == 0 ? "an item is empty" : $"'{item}' is not a CPU id");
        }

        int cpu = int.Parse(item, NumberStyles.None, CultureInfo.InvariantCulture);
        return cpu <= MaxCpu ? cpu : throw Malformed(text, $"CPU {cpu} is above {MaxCpu}");
    }

    private static FormatException Malformed(string text, string why) =>
        new($"'{text.Trim()}' is not a CPU list like 0-3,8-11: {why}");
}
