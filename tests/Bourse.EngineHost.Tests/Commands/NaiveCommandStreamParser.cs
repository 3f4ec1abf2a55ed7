using System.Globalization;
using Bourse.Engine.Matching;

namespace Bourse.EngineHost.Tests.Commands;

/// <summary>
/// The slow, obviously correct twin of <c>CommandStreamReader</c>: <see cref="string.Split(char)"/> per line. It
/// returns <see langword="null"/> for any malformed stream instead of explaining why; the fast reader's messages are
/// tested on their own.
/// </summary>
internal static class NaiveCommandStreamParser
{
    public static OrderCommand[]? Parse(string text)
    {
        string[] lines = text.Split('\n');
        if (lines[0].Trim(' ', '\t', '\r') != "# bourse-commands v1")
        {
            return null;
        }

        var commands = new List<OrderCommand>();
        foreach (string raw in lines.Skip(1))
        {
            string line = raw.Trim(' ', '\t', '\r');
            if (line.Length == 0 || line[0] == '#')
            {
                continue;
            }

            string[] f = line.Split(',');
            OrderCommand? command = f[0] switch
            {
                "N" when f.Length == 7 && ParseSide(f[2]) is { } s && ParseTif(f[5]) is { } t && Num(f[1]) is { } id &&
                         Num(f[3]) is { } p && Num(f[4]) is { } q && Num(f[6]) is { } a =>
                    OrderCommand.NewOrder(id, s, p, q, t, a),
                "M" when f.Length == 5 && ParseSide(f[2]) is { } s && Num(f[1]) is { } id && Num(f[3]) is { } q &&
                         Num(f[4]) is { } a =>
                    OrderCommand.MarketOrder(id, s, q, a),
                "C" when f.Length == 2 && Num(f[1]) is { } id => OrderCommand.Cancel(id),
                "R" when f.Length == 4 && Num(f[1]) is { } id && Num(f[2]) is { } p && Num(f[3]) is { } q =>
                    OrderCommand.Replace(id, p, q),
                _ => null,
            };
            if (command is null)
            {
                return null;
            }

            commands.Add(command.Value);
        }

        return [.. commands];
    }

    private static long? Num(string field) =>
        long.TryParse(field, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long value) ? value : null;

    private static Side? ParseSide(string field) => field switch
    {
        "B" => Side.Buy,
        "S" => Side.Sell,
        _ => null,
    };

    private static TimeInForce? ParseTif(string field) => field switch
    {
        "GTC" => TimeInForce.Gtc,
        "DAY" => TimeInForce.Day,
        "IOC" => TimeInForce.Ioc,
        "FOK" => TimeInForce.Fok,
        "POST" => TimeInForce.Post,
        _ => null,
    };
}
