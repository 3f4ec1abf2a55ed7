using Bourse.Engine.Journal;

namespace Bourse.Engine.Tests.Journal;

public sealed class DirectorySyncTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void An_existing_directory_is_synced_and_a_missing_one_is_an_io_error_naming_it()
    {
        DirectorySync.Flush(_temp.Path);

        var missing = _temp.Combine("missing");
        if (OperatingSystem.IsWindows())
        {
            // Nothing to sync on Windows: NTFS journals directory changes.
            DirectorySync.Flush(missing);
            return;
        }

        var error = Assert.Throws<IOException>(() => DirectorySync.Flush(missing));
        Assert.Contains($"open of the directory '{missing}' failed: errno 2", error.Message, StringComparison.Ordinal);
    }
}
