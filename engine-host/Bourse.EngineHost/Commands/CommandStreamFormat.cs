using Bourse.Engine.Matching;

namespace Bourse.EngineHost.Commands;

/// <summary>
/// The <c>bourse-commands v1</c> text format: a header line, then one command per line, fields separated by commas.
/// </summary>
/// <remarks>
/// <code>
/// # bourse-commands v1
/// N,&lt;orderId&gt;,&lt;B|S&gt;,&lt;priceTicks&gt;,&lt;qty&gt;,&lt;GTC|DAY|IOC|FOK|POST&gt;,&lt;accountId&gt;
/// M,&lt;orderId&gt;,&lt;B|S&gt;,&lt;qty&gt;,&lt;accountId&gt;
/// C,&lt;orderId&gt;
/// R,&lt;orderId&gt;,&lt;newPriceTicks&gt;,&lt;newQty&gt;
/// </code>
/// Numbers are signed 64-bit decimal integers; their ranges are the engine's business, not the format's. After the
/// header, blank lines and lines starting with <c>#</c> are skipped. <see cref="CommandType.EndOfSession"/> has no
/// v1 form.
/// </remarks>
internal static class CommandStreamFormat
{
    public const string Header = "# bourse-commands v1";

    public static ReadOnlySpan<byte> HeaderUtf8 => "# bourse-commands v1"u8;

    /// <summary>The common prefix of every version's header, to tell "wrong version" from "no header".</summary>
    public static ReadOnlySpan<byte> HeaderPrefixUtf8 => "# bourse-commands"u8;

    /// <summary>The longest line the writer can produce: 1 letter, 6 commas, 6 × 20 characters of <see cref="long"/>.</summary>
    public const int MaxLineLength = 1 + 6 + (6 * 20) + 1;

    public static byte SideCode(Side side) => side switch
    {
        Side.Buy => (byte)'B',
        Side.Sell => (byte)'S',
        _ => throw new ArgumentOutOfRangeException(nameof(side), side, "Not a side."),
    };

    public static ReadOnlySpan<byte> TimeInForceName(TimeInForce timeInForce) => timeInForce switch
    {
        TimeInForce.Gtc => "GTC"u8,
        TimeInForce.Day => "DAY"u8,
        TimeInForce.Ioc => "IOC"u8,
        TimeInForce.Fok => "FOK"u8,
        TimeInForce.Post => "POST"u8,
        _ => throw new ArgumentOutOfRangeException(nameof(timeInForce), timeInForce, "Not a time in force."),
    };

    public static bool TryParseSide(ReadOnlySpan<byte> field, out Side side)
    {
        side = default;
        if (field.Length != 1)
        {
            return false;
        }

        switch (field[0])
        {
            case (byte)'B':
                side = Side.Buy;
                return true;
            case (byte)'S':
                side = Side.Sell;
                return true;
            default:
                return false;
        }
    }

    public static bool TryParseTimeInForce(ReadOnlySpan<byte> field, out TimeInForce timeInForce)
    {
        if (field.SequenceEqual("GTC"u8))
        {
            timeInForce = TimeInForce.Gtc;
        }
        else if (field.SequenceEqual("DAY"u8))
        {
            timeInForce = TimeInForce.Day;
        }
        else if (field.SequenceEqual("IOC"u8))
        {
            timeInForce = TimeInForce.Ioc;
        }
        else if (field.SequenceEqual("FOK"u8))
        {
            timeInForce = TimeInForce.Fok;
        }
        else if (field.SequenceEqual("POST"u8))
        {
            timeInForce = TimeInForce.Post;
        }
        else
        {
            timeInForce = default;
            return false;
        }

        return true;
    }
}
