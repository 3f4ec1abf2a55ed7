using System.Collections.Concurrent;
using Bourse.EngineHost.Publishing;
using Microsoft.Extensions.Logging;

namespace Bourse.EngineHost.Tests.Publishing;

/// <summary>Keeps every log entry with its structured values.</summary>
internal sealed class RecordingLogger : ILogger<EventHubsPublisher>
{
    public ConcurrentQueue<Entry> Entries { get; } = new();

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        var values = state as IReadOnlyList<KeyValuePair<string, object?>> ?? [];
        Entries.Enqueue(new Entry(logLevel, eventId.Id, formatter(state, exception), values.ToDictionary(v => v.Key, v => v.Value), exception));
    }

    public List<Entry> WithId(int eventId) => [.. Entries.Where(e => e.EventId == eventId)];

    internal sealed record Entry(LogLevel Level, int EventId, string Message, Dictionary<string, object?> Values, Exception? Exception);
}
