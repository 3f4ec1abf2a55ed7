namespace Bourse.Engine.Matching;

/// <summary>How long a limit order may live and whether it may trade on arrival.</summary>
public enum TimeInForce : byte
{
    /// <summary>Good till cancelled: the remainder after matching rests.</summary>
    Gtc = 0,

    /// <summary>Rests like GTC until <see cref="CommandType.EndOfSession"/> cancels it.</summary>
    Day = 1,

    /// <summary>Immediate or cancel: the remainder after matching is cancelled.</summary>
    Ioc = 2,

    /// <summary>Fill or kill: fills completely on arrival or is cancelled without trading.</summary>
    Fok = 3,

    /// <summary>Post-only: rejected if it would trade on arrival, otherwise rests.</summary>
    Post = 4,
}
