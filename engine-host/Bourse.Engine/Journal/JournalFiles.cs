using System.Globalization;

namespace Bourse.Engine.Journal;

/// <summary>
/// Journal file naming: <c>commands-{first command sequence, 12 digits}.journal</c>, so that names sort in sequence
/// order and a snapshot at sequence S can delete every file whose successor starts at or before S + 1.
/// </summary>
public static class JournalFiles
{
    private const string Prefix = "commands-";
    private const string Extension = ".journal";

    /// <summary>The file name of a journal segment whose first record has <paramref name="firstSequence"/>.</summary>
    public static string FileName(long firstSequence)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(firstSequence);
        return string.Create(CultureInfo.InvariantCulture, $"{Prefix}{firstSequence:D12}{Extension}");
    }

    /// <summary>Parses a segment file name (no directory); false for any other file.</summary>
    public static bool TryParseFileName(string fileName, out long firstSequence)
    {
        ArgumentNullException.ThrowIfNull(fileName);
        firstSequence = 0;
        return fileName.StartsWith(Prefix, StringComparison.Ordinal) &&
               fileName.EndsWith(Extension, StringComparison.Ordinal) &&
               long.TryParse(
                   fileName.AsSpan(Prefix.Length, fileName.Length - Prefix.Length - Extension.Length),
                   NumberStyles.None,
                   CultureInfo.InvariantCulture,
                   out firstSequence) &&
               firstSequence > 0;
    }

    /// <summary>The journal segments in a directory, ordered by first sequence. Other files are ignored.</summary>
    public static IReadOnlyList<JournalSegment> List(string directory)
    {
        ArgumentNullException.ThrowIfNull(directory);
        if (!Directory.Exists(directory))
        {
            return [];
        }

        var segments = new List<JournalSegment>();
        foreach (var path in Directory.EnumerateFiles(directory, Prefix + "*" + Extension))
        {
            if (TryParseFileName(Path.GetFileName(path), out var first))
            {
                segments.Add(new JournalSegment(path, first));
            }
        }

        segments.Sort(static (a, b) => a.FirstSequence.CompareTo(b.FirstSequence));
        return segments;
    }

    /// <summary>
    /// Deletes the segments that hold only records at or before <paramref name="snapshotSequence"/> (a durable
    /// snapshot covers them). The segment holding <paramref name="snapshotSequence"/> + 1, and the last segment, are kept.
    /// </summary>
    /// <returns>The number of files deleted.</returns>
    public static int DeleteCoveredSegments(string directory, long snapshotSequence)
    {
        var segments = List(directory);
        var deleted = 0;
        for (var i = 0; i + 1 < segments.Count && segments[i + 1].FirstSequence <= snapshotSequence + 1; i++)
        {
            File.Delete(segments[i].Path);
            deleted++;
        }

        return deleted;
    }
}

/// <summary>One journal file and the sequence of its first record (from its name).</summary>
public readonly record struct JournalSegment(string Path, long FirstSequence);
