using Bourse.Engine.Journal;
using Bourse.Engine.Matching;

namespace Bourse.Engine.Tests.Journal;

/// <summary>Commands with arbitrary field values (any byte in the enumerations) and helpers to write and read journals.</summary>
internal static class JournalTestData
{
    public static OrderCommand[] ArbitraryCommands(int seed, int count)
    {
        var random = new Random(seed);
        var commands = new OrderCommand[count];
        for (var i = 0; i < count; i++)
        {
            commands[i] = new OrderCommand
            {
                OrderId = random.NextInt64(long.MinValue, long.MaxValue),
                Price = random.Next(4) == 0 ? random.NextInt64(long.MinValue, long.MaxValue) : random.NextInt64(1, 100_000),
                Quantity = random.NextInt64(-10, 1_000_000),
                AccountId = random.NextInt64(0, 1_000),
                ClientOrderKey = random.NextInt64(long.MinValue, long.MaxValue),
                Type = (CommandType)random.Next(256),
                Side = (Side)random.Next(256),
                TimeInForce = (TimeInForce)random.Next(256),
            };
        }

        return commands;
    }

    /// <summary>Appends <paramref name="commands"/> as sequences <paramref name="firstSequence"/>.. and disposes the journal.</summary>
    public static void WriteJournal(string directory, OrderCommand[] commands, long firstSequence = 1, FileCommandJournalOptions? options = null)
    {
        using var journal = FileCommandJournal.Open(directory, options ?? new FileCommandJournalOptions { FlushPolicy = JournalFlushPolicy.None });
        for (var i = 0; i < commands.Length; i++)
        {
            journal.Append(firstSequence + i, commands[i]);
        }
    }

    public static List<(long Sequence, OrderCommand Command)> ReadAll(CommandJournalReader reader)
    {
        var records = new List<(long, OrderCommand)>();
        while (reader.TryRead(out var sequence, out var command))
        {
            records.Add((sequence, command));
        }

        return records;
    }

    /// <summary>One encoded record, for crafting damaged files.</summary>
    public static byte[] Record(long sequence, in OrderCommand command)
    {
        var bytes = new byte[JournalRecord.Size];
        JournalRecord.Write(bytes, sequence, command);
        return bytes;
    }
}
