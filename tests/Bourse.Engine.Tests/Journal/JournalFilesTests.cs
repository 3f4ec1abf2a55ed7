using Bourse.Engine.Journal;

namespace Bourse.Engine.Tests.Journal;

public sealed class JournalFilesTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void File_names_carry_the_first_sequence_in_twelve_digits()
    {
        Assert.Equal("commands-000000000001.journal", JournalFiles.FileName(1));
        Assert.Equal("commands-000000001234.journal", JournalFiles.FileName(1_234));
        Assert.True(JournalFiles.TryParseFileName("commands-000000001234.journal", out var first));
        Assert.Equal(1_234, first);
    }

    [Theory]
    [InlineData("commands-000000000000.journal")]
    [InlineData("commands-00000000001x.journal")]
    [InlineData("commands-000000000001.journal.tmp")]
    [InlineData("snapshot-000000000001.bin")]
    [InlineData("commands-.journal")]
    [InlineData("commands--00000000001.journal")]
    public void Other_names_are_not_segments(string name) => Assert.False(JournalFiles.TryParseFileName(name, out _));

    [Fact]
    public void Lists_segments_in_sequence_order_and_ignores_other_files()
    {
        foreach (var name in new[] { "commands-000000000201.journal", "commands-000000000001.journal", "commands-000000000101.journal", "notes.txt" })
        {
            File.WriteAllBytes(_temp.Combine(name), []);
        }

        Assert.Equal([1L, 101, 201], JournalFiles.List(_temp.Path).Select(s => s.FirstSequence));
        Assert.Empty(JournalFiles.List(_temp.Combine("missing")));
    }

    [Fact]
    public void Deletes_only_segments_wholly_covered_by_a_snapshot()
    {
        foreach (var first in new[] { 1, 101, 201, 301 })
        {
            File.WriteAllBytes(_temp.Combine(JournalFiles.FileName(first)), []);
        }

        // Snapshot at 200: segment 1 (1..100) is covered, segment 101 (101..200) too, 201 holds the next command.
        Assert.Equal(2, JournalFiles.DeleteCoveredSegments(_temp.Path, 200));
        Assert.Equal([201L, 301], JournalFiles.List(_temp.Path).Select(s => s.FirstSequence));

        // The last segment is always kept.
        Assert.Equal(1, JournalFiles.DeleteCoveredSegments(_temp.Path, 10_000));
        Assert.Equal([301L], JournalFiles.List(_temp.Path).Select(s => s.FirstSequence));
    }
}
