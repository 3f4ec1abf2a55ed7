using System.Collections.Concurrent;
using Bourse.Engine.Journal;
using Bourse.Engine.Matching;
using Bourse.EngineHost.Hosting;
using Bourse.EngineHost.Sharding;
using Microsoft.Extensions.Logging;

namespace Bourse.EngineHost.Tests.Hosting;

public sealed class RecoveryLogTests : IDisposable
{
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("bourse-recovery-log-");

    public void Dispose() => _directory.Delete(recursive: true);

    [Fact]
    public async Task A_dropped_torn_tail_is_a_warning_with_the_file_and_offset()
    {
        var journalDirectory = Path.Combine(_directory.FullName, "journal", "1", "journal");
        using (var journal = FileCommandJournal.Open(journalDirectory, new FileCommandJournalOptions { FlushPolicy = JournalFlushPolicy.None }))
        {
            for (var i = 1; i <= 10; i++)
            {
                journal.Append(i, OrderCommand.Cancel(i));
            }
        }

        var file = JournalFiles.List(journalDirectory).Single().Path;
        File.WriteAllBytes(file, File.ReadAllBytes(file)[..^10]);
        var logs = new LogRecorder();

        var server = EngineHostServer.Create(
        [
            new ShardOptions
            {
                Name = "s",
                Instruments = [new InstrumentSpec(1)],
                JournalDirectory = Path.Combine(_directory.FullName, "journal"),
                JournalOptions = new FileCommandJournalOptions { FlushPolicy = JournalFlushPolicy.EveryBatch },
            },
        ], configureLogging: logging => logging.AddProvider(logs));
        await server.DisposeAsync();

        var warning = Assert.Single(logs.Entries, e => e.Category == "Bourse.EngineHost.Recovery");
        Assert.Equal(LogLevel.Warning, warning.Level);
        Assert.Contains($"Instrument 1: the journal's tail from {file} offset 576 was dropped", warning.Message, StringComparison.Ordinal);
        Assert.Contains("continues from command 9", warning.Message, StringComparison.Ordinal);
    }

    private sealed class LogRecorder : ILoggerProvider
    {
        public ConcurrentQueue<(string Category, LogLevel Level, string Message)> Entries { get; } = new();

        public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

        public void Dispose()
        {
        }

        private sealed class Logger(LogRecorder recorder, string category) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                recorder.Entries.Enqueue((category, logLevel, formatter(state, exception)));
        }
    }
}
