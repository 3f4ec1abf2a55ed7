using Bourse.Engine.Matching;

namespace Bourse.Engine.Journal;

/// <summary>
/// Book snapshots in one directory, one file per snapshot named by its last command sequence
/// (<c>snapshot-000000001234.bin</c>; layout in <see cref="SnapshotFormat"/>), checksummed and written atomically.
/// </summary>
/// <remarks>
/// <see cref="Write"/> writes a temporary file, fsyncs it and renames it over the final name, so a crash leaves
/// either no snapshot or a whole one (plus, at worst, a stray <c>.tmp</c> file that loading ignores and the next
/// write of the same sequence replaces). The directory is fsynced after the rename (<see cref="DirectorySync"/>), so
/// the snapshot's name is durable when <see cref="Write"/> returns. Not thread-safe; one writer per directory.
/// </remarks>
public sealed class SnapshotStore
{
    private const string TempExtension = ".tmp";

    /// <param name="directory">The directory, created if missing. One store per book.</param>
    public SnapshotStore(string directory)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        Directory.CreateDirectory(directory);
        DirectoryPath = directory;
    }

    public string DirectoryPath { get; }

    /// <summary>Writes <paramref name="snapshot"/> atomically; returns only when it is on disk.</summary>
    /// <returns>The snapshot's file.</returns>
    public string Write(BookSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var path = Path.Combine(DirectoryPath, SnapshotFormat.FileName(snapshot.LastCommandSequence));
        var temp = path + TempExtension;
        using (var stream = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None, bufferSize: 64 * 1024))
        {
            Span<byte> scratch = stackalloc byte[SnapshotFormat.HeaderSize];
            var crc = ~0u;

            SnapshotFormat.WriteHeader(scratch, snapshot);
            crc = Crc32C.Update(crc, scratch);
            stream.Write(scratch);

            var order = scratch[..SnapshotFormat.OrderSize];
            foreach (var o in snapshot.Orders)
            {
                SnapshotFormat.WriteOrder(order, o);
                crc = Crc32C.Update(crc, order);
                stream.Write(order);
            }

            var trailer = scratch[..SnapshotFormat.TrailerSize];
            System.Buffers.Binary.BinaryPrimitives.WriteUInt32LittleEndian(trailer, ~crc);
            stream.Write(trailer);
            stream.Flush(flushToDisk: true);
        }

        File.Move(temp, path, overwrite: true);
        DirectorySync.Flush(DirectoryPath);
        return path;
    }

    /// <summary>The snapshot files, newest (highest sequence) first.</summary>
    public IReadOnlyList<string> ListFiles()
    {
        var files = new List<(long Sequence, string Path)>();
        foreach (var path in Directory.EnumerateFiles(DirectoryPath, "snapshot-*.bin"))
        {
            if (SnapshotFormat.TryParseFileName(Path.GetFileName(path), out var sequence))
            {
                files.Add((sequence, path));
            }
        }

        files.Sort(static (a, b) => b.Sequence.CompareTo(a.Sequence));
        return files.ConvertAll(static f => f.Path);
    }

    /// <summary>Loads the newest valid snapshot, skipping (and reporting) damaged newer ones.</summary>
    public SnapshotLoadResult LoadNewest()
    {
        var skipped = new List<SkippedSnapshot>();
        foreach (var path in ListFiles())
        {
            if (TryLoad(path, out var snapshot, out var failure))
            {
                return new SnapshotLoadResult(snapshot, path, skipped);
            }

            skipped.Add(new SkippedSnapshot(path, failure!));
        }

        return new SnapshotLoadResult(null, null, skipped);
    }

    /// <summary>Loads and verifies one snapshot file: layout, checksum, file name, and that the orders hash to the stored hash.</summary>
    public static bool TryLoad(string path, out BookSnapshot? snapshot, out string? failure)
    {
        ArgumentNullException.ThrowIfNull(path);
        snapshot = null;
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (IOException e)
        {
            failure = "unreadable: " + e.Message;
            return false;
        }

        snapshot = SnapshotFormat.TryRead(bytes, out failure);
        if (snapshot is null)
        {
            return false;
        }

        if (SnapshotFormat.TryParseFileName(Path.GetFileName(path), out var named) && named != snapshot.LastCommandSequence)
        {
            failure = $"the file name says sequence {named}, the content says {snapshot.LastCommandSequence}";
            snapshot = null;
            return false;
        }

        return true;
    }

    /// <summary>Deletes every snapshot older than the newest <paramref name="keep"/>.</summary>
    /// <returns>The number of files deleted.</returns>
    public int DeleteAllButNewest(int keep)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(keep);
        var files = ListFiles();
        for (var i = keep; i < files.Count; i++)
        {
            File.Delete(files[i]);
        }

        return Math.Max(0, files.Count - keep);
    }

    /// <summary>Captures <paramref name="book"/> and writes it; see <see cref="BookSnapshot.Capture"/>.</summary>
    public string Write(IOrderBook book, long lastCommandSequence) => Write(BookSnapshot.Capture(book, lastCommandSequence));
}
