using Bourse.Engine.Matching;

namespace Bourse.EngineHost.Publishing;

/// <summary>Which <see cref="PublishStream"/> each <see cref="EventType"/> goes to.</summary>
internal static class PublishRouting
{
    /// <summary>The number of streams (hubs).</summary>
    public const int StreamCount = 2;

    /// <summary><see cref="EventType.LevelChanged"/> to the book updates; every other type to the executions.</summary>
    public static PublishStream StreamOf(EventType type) =>
        type == EventType.LevelChanged ? PublishStream.BookUpdates : PublishStream.Executions;
}
