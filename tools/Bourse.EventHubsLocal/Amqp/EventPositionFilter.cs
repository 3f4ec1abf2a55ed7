using System.Globalization;
using System.Text.RegularExpressions;
using Bourse.EventHubsLocal.Storage;
using Microsoft.Azure.Amqp.Encoding;
using Microsoft.Azure.Amqp.Framing;

namespace Bourse.EventHubsLocal.Amqp;

/// <summary>
/// Reads a consumer's start position from the selector filter on its link's source, e.g.
/// <c>amqp.annotation.x-opt-offset &gt; '-1'</c>.
/// </summary>
/// <remarks>
/// Forms: <c>x-opt-offset</c>, <c>x-opt-sequence-number</c> or <c>x-opt-enqueued-time</c> (Unix milliseconds), then
/// <c>&gt;</c> or <c>&gt;=</c>, then a number, quoted or not (client versions differ). Offset <c>-1</c> means the start
/// of the partition and <c>@latest</c> its end. A link without a filter starts at the beginning.
/// </remarks>
internal static partial class EventPositionFilter
{
    /// <summary>The filter set key (and described-type name) of the selector filter.</summary>
    public const string SelectorFilterName = "apache.org:selector-filter:string";

    /// <summary>Reads the position from <paramref name="source"/>'s filter set.</summary>
    /// <exception cref="FormatException">There is a selector filter but it is not one of the forms.</exception>
    public static StartPosition FromSource(Source? source)
    {
        if (source?.FilterSet is not { } filters ||
            !filters.TryGetValue<object>(new AmqpSymbol(SelectorFilterName), out var filter))
        {
            return StartPosition.Earliest;
        }

        // The client sends a described type (descriptor apache.org:selector-filter:string) around the expression.
        var expression = filter switch
        {
            DescribedType described => described.Value as string,
            string text => text,
            _ => null,
        };
        return expression is null
            ? throw new FormatException("The selector filter does not hold a string expression.")
            : Parse(expression);
    }

    /// <exception cref="FormatException">The expression is not one of the forms.</exception>
    public static StartPosition Parse(string expression)
    {
        var match = Expression().Match(expression);
        if (!match.Success)
        {
            throw new FormatException($"The selector filter '{expression}' is not a supported event position.");
        }

        var property = match.Groups["property"].Value.ToLowerInvariant();
        var inclusive = match.Groups["operator"].Value == ">=";
        var value = match.Groups["value"].Value;
        if (property == "x-opt-offset" && value.Equals("@latest", StringComparison.OrdinalIgnoreCase))
        {
            return StartPosition.Latest;
        }

        if (!long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number))
        {
            throw new FormatException($"'{value}' in the selector filter '{expression}' is not a number.");
        }

        return property switch
        {
            "x-opt-offset" when number < 0 => StartPosition.Earliest,
            "x-opt-offset" => new StartPosition(StartPositionKind.Offset, number, inclusive),
            "x-opt-sequence-number" => new StartPosition(StartPositionKind.SequenceNumber, number, inclusive),
            _ => new StartPosition(StartPositionKind.EnqueuedTime, number, inclusive),
        };
    }

    [GeneratedRegex(
        @"^\s*amqp\.annotation\.(?<property>x-opt-offset|x-opt-sequence-number|x-opt-enqueued-time)\s*(?<operator>>=|>)\s*'?(?<value>[^'\s]+)'?\s*$",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Expression();
}
