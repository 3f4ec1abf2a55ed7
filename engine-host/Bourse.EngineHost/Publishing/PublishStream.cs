namespace Bourse.EngineHost.Publishing;

/// <summary>The event hub an event goes to.</summary>
internal enum PublishStream : byte
{
    /// <summary>Accepted, rejected, trades, cancels and replaces: the order's life (<c>ExecutionReport</c>).</summary>
    Executions = 0,

    /// <summary>L2 level changes (<c>BookUpdate</c>).</summary>
    BookUpdates = 1,
}
