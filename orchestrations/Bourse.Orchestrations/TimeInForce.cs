namespace Bourse.Orchestrations;

/// <summary>How long an order may live.</summary>
public enum TimeInForce
{
    /// <summary>Good till cancelled.</summary>
    Gtc,

    /// <summary>Until the end of the trading session: the input's expiry is the session's end (the saga's timer backs up the engine's end-of-session cancel).</summary>
    Day,

    /// <summary>Good till the input's expiry: the saga's durable timer cancels it at the engine.</summary>
    Gtd,

    /// <summary>Immediate or cancel.</summary>
    Ioc,

    /// <summary>Fill or kill.</summary>
    Fok,

    /// <summary>Post-only.</summary>
    PostOnly,
}
