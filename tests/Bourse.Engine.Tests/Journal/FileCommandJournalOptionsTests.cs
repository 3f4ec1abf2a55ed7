using Bourse.Engine.Journal;

namespace Bourse.Engine.Tests.Journal;

public sealed class FileCommandJournalOptionsTests
{
    [Fact]
    public void Defaults_are_the_documented_ones()
    {
        var options = new FileCommandJournalOptions();

        Assert.Equal(JournalFlushPolicy.EveryBatch, options.FlushPolicy);
        Assert.Equal(65_536, options.BufferSize);
        Assert.Equal(TimeSpan.FromMilliseconds(10), options.SyncInterval);
        Assert.Equal(10_000, options.SyncIntervalRecords);
        Assert.Equal(256L * 1024 * 1024, options.SegmentSize);
        Assert.Equal(0, options.PreallocationSize);
        Assert.Same(TimeProvider.System, options.TimeProvider);
        options.Validate();
    }

    private static readonly Dictionary<string, Action<FileCommandJournalOptions>> InvalidChanges = new()
    {
        ["unknown policy"] = o => o.FlushPolicy = (JournalFlushPolicy)9,
        ["zero buffer"] = o => o.BufferSize = 0,
        ["buffer not a multiple of 64"] = o => o.BufferSize = 100,
        ["negative interval"] = o => o.SyncInterval = TimeSpan.FromMilliseconds(-1),
        ["zero interval records"] = o => o.SyncIntervalRecords = 0,
        ["segment under one record"] = o => o.SegmentSize = 32,
        ["segment not a multiple of 64"] = o => o.SegmentSize = 1_000,
        ["negative preallocation"] = o => o.PreallocationSize = -64,
        ["preallocation not a multiple of 64"] = o => o.PreallocationSize = 1_000,
        ["no clock"] = o => o.TimeProvider = null!,
    };

    public static TheoryData<string> InvalidChangeNames() => [.. InvalidChanges.Keys];

    [Theory]
    [MemberData(nameof(InvalidChangeNames))]
    public void Out_of_range_values_are_rejected(string change)
    {
        var options = new FileCommandJournalOptions();
        InvalidChanges[change](options);
        Assert.ThrowsAny<ArgumentException>(options.Validate);
    }

    [Fact]
    public void Open_validates_the_options()
    {
        using var temp = new TempDirectory();
        Assert.Throws<ArgumentOutOfRangeException>(() => FileCommandJournal.Open(temp.Path, new FileCommandJournalOptions { BufferSize = 65 }));
    }
}
