using System.Globalization;

namespace Bourse.EngineHost.Cli;

/// <summary>
/// A verb's options: <c>--name value</c> pairs and <c>--flag</c> switches, each name declared by the verb. Anything
/// else (an unknown name, a positional argument, a repeated option, an option without its value) is a
/// <see cref="CliUsageException"/> naming the option.
/// </summary>
internal sealed class CliArguments
{
    private readonly Dictionary<string, string> _values = new(StringComparer.Ordinal);
    private readonly HashSet<string> _flags = new(StringComparer.Ordinal);

    private CliArguments()
    {
    }

    /// <param name="args">The arguments after the verb.</param>
    /// <param name="options">Names (without <c>--</c>) that take a value.</param>
    /// <param name="flags">Names (without <c>--</c>) that take none.</param>
    public static CliArguments Parse(IReadOnlyList<string> args, IReadOnlyCollection<string> options, IReadOnlyCollection<string> flags)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(flags);
        var parsed = new CliArguments();
        for (int i = 0; i < args.Count; i++)
        {
            string arg = args[i];
            if (!arg.StartsWith("--", StringComparison.Ordinal) || arg.Length == 2)
            {
                throw new CliUsageException($"unexpected argument '{arg}'");
            }

            string name = arg[2..];
            if (parsed._values.ContainsKey(name) || parsed._flags.Contains(name))
            {
                throw new CliUsageException($"option --{name} is given more than once");
            }

            if (flags.Contains(name))
            {
                parsed._flags.Add(name);
            }
            else if (options.Contains(name))
            {
                if (i + 1 >= args.Count || args[i + 1].StartsWith("--", StringComparison.Ordinal))
                {
                    throw new CliUsageException($"option --{name} needs a value");
                }

                parsed._values.Add(name, args[++i]);
            }
            else
            {
                throw new CliUsageException($"unknown option --{name}");
            }
        }

        return parsed;
    }

    public bool HasFlag(string name) => _flags.Contains(name);

    /// <summary>The value of <c>--<paramref name="name"/></c>, or <see langword="null"/> if it is not given.</summary>
    public string? GetString(string name) => _values.GetValueOrDefault(name);

    public string GetRequiredString(string name) =>
        GetString(name) ?? throw new CliUsageException($"missing option --{name}");

    /// <summary>The value of a required integer option, in [<paramref name="min"/>, <paramref name="max"/>].</summary>
    public long GetRequiredInt64(string name, long min = long.MinValue, long max = long.MaxValue)
    {
        string text = GetRequiredString(name);
        if (!long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long value))
        {
            throw new CliUsageException($"option --{name}: '{text}' is not a 64-bit integer");
        }

        if (value < min || value > max)
        {
            throw new CliUsageException(max == long.MaxValue
                ? $"option --{name}: {value} is less than {min}"
                : $"option --{name}: {value} is outside [{min}, {max}]");
        }

        return value;
    }
}
