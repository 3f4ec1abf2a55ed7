using System.Globalization;

namespace Bourse.EngineHost.Publishing;

/// <summary>
/// How far one instrument's events are confirmed published: the highest command sequence all of whose messages Event
/// Hubs has accepted, and the message sequence each hub had reached after it. Kept in the instrument's journal
/// directory as <see cref="FileName"/>, replaced atomically.
/// </summary>
/// <remarks>
/// <para>
/// Semantics: at least once. The checkpoint moves only after sends succeed and may lag behind them (it is saved at
/// most every <see cref="EventHubsPublisherOptions.CheckpointInterval"/>); a restart republishes every command after
/// it (<see cref="PublishRingWriter.RequestRepublish"/>), so a message may go out twice but never not at all. The
/// republished messages carry the same sequences (replay is deterministic and numbering restarts from the saved
/// ones), so consumers drop the duplicates by (instrument, sequence) per hub.
/// </para>
/// <para>
/// Retention: regenerating the events after the checkpoint needs the newest snapshot at or before it and every
/// journal record after that snapshot; snapshot and journal clean-up must keep them.
/// </para>
/// <para>
/// Durability: <see cref="Save"/> writes a temporary file, fsyncs it and renames it over the old one, so a crash
/// leaves the old checkpoint or the new one, never a torn one. The directory is not fsynced after the rename (unlike
/// the journal's files and the snapshots): a power loss right after a save may bring back the previous checkpoint,
/// which only republishes more, and a save need not wait for a second fsync.
/// Not thread-safe: the publisher's thread saves it.
/// </para>
/// </remarks>
internal sealed class PublishCheckpoint
{
    /// <summary>The file's name in the journal directory (the journal's files are <c>commands-*.journal</c>).</summary>
    public const string FileName = "publish.checkpoint";

    private const string Header = "bourse-publish-checkpoint 1";

    private PublishCheckpoint(string path, PublishPosition position)
    {
        FilePath = path;
        Position = position;
    }

    public string FilePath { get; }

    /// <summary>The position last saved (or loaded); <see cref="PublishPosition.Start"/> when there is no file.</summary>
    public PublishPosition Position { get; private set; }

    /// <summary>The command sequence of <see cref="Position"/>: every command up to it is confirmed published.</summary>
    public long CommandSequence => Position.CommandSequence;

    /// <summary>Loads the checkpoint of the journal in <paramref name="journalDirectory"/>; a missing file is the start.</summary>
    /// <exception cref="InvalidDataException">The file exists but is not a checkpoint (it is never torn: replaced atomically).</exception>
    public static PublishCheckpoint Load(string journalDirectory)
    {
        ArgumentException.ThrowIfNullOrEmpty(journalDirectory);
        var path = Path.Combine(journalDirectory, FileName);
        if (!File.Exists(path))
        {
            return new PublishCheckpoint(path, PublishPosition.Start);
        }

        var lines = File.ReadAllLines(path);
        if (lines.Length != 4 || lines[0] != Header ||
            !TryParse(lines[1], "command-sequence=", out var command) ||
            !TryParse(lines[2], "executions-sequence=", out var executions) ||
            !TryParse(lines[3], "book-updates-sequence=", out var bookUpdates))
        {
            throw new InvalidDataException(
                $"'{path}' is not a publish checkpoint. Delete it to republish the whole journal, or restore it.");
        }

        return new PublishCheckpoint(path, new PublishPosition(command, executions, bookUpdates));
    }

    /// <summary>Saves <paramref name="position"/>; returns when it is on disk.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The position is behind the saved one: a checkpoint never moves back.</exception>
    public void Save(PublishPosition position)
    {
        if (position.CommandSequence < Position.CommandSequence)
        {
            throw new ArgumentOutOfRangeException(
                nameof(position), position.CommandSequence, $"The checkpoint is at {Position.CommandSequence}; it never moves back.");
        }

        var text = string.Create(
            CultureInfo.InvariantCulture,
            $"{Header}\ncommand-sequence={position.CommandSequence}\nexecutions-sequence={position.ExecutionsSequence}\nbook-updates-sequence={position.BookUpdatesSequence}\n");
        var temp = FilePath + ".tmp";
        using (var stream = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None))
        {
            stream.Write(System.Text.Encoding.ASCII.GetBytes(text));
            stream.Flush(flushToDisk: true);
        }

        File.Move(temp, FilePath, overwrite: true);
        Position = position;
    }

    private static bool TryParse(string line, string prefix, out long value)
    {
        value = 0;
        return line.StartsWith(prefix, StringComparison.Ordinal) &&
               long.TryParse(line.AsSpan(prefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out value);
    }
}
