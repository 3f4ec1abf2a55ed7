using Bourse.EngineHost.Publishing;

namespace Bourse.EngineHost.Tests.Publishing;

public sealed class PublishCheckpointTests : IDisposable
{
    private readonly TempDirectory _directory = new();

    [Fact]
    public void Without_a_file_the_checkpoint_is_the_start()
    {
        var checkpoint = PublishCheckpoint.Load(_directory.Path);

        Assert.Equal(PublishPosition.Start, checkpoint.Position);
        Assert.Equal(Path.Combine(_directory.Path, PublishCheckpoint.FileName), checkpoint.FilePath);
    }

    [Fact]
    public void A_saved_position_loads_back_and_no_temporary_file_is_left()
    {
        var checkpoint = PublishCheckpoint.Load(_directory.Path);

        checkpoint.Save(new PublishPosition(42, 17, 30));
        checkpoint.Save(new PublishPosition(50, 20, 31));

        Assert.Equal(new PublishPosition(50, 20, 31), PublishCheckpoint.Load(_directory.Path).Position);
        Assert.Equal([PublishCheckpoint.FileName], Directory.GetFiles(_directory.Path).Select(Path.GetFileName));
    }

    [Fact]
    public void A_checkpoint_never_moves_back()
    {
        var checkpoint = PublishCheckpoint.Load(_directory.Path);
        checkpoint.Save(new PublishPosition(10, 1, 1));

        Assert.Throws<ArgumentOutOfRangeException>(() => checkpoint.Save(new PublishPosition(9, 1, 1)));
        Assert.Equal(10, PublishCheckpoint.Load(_directory.Path).CommandSequence);
    }

    [Theory]
    [InlineData("")]
    [InlineData("bourse-publish-checkpoint 1\ncommand-sequence=x\nexecutions-sequence=1\nbook-updates-sequence=1\n")]
    [InlineData("something else\ncommand-sequence=1\nexecutions-sequence=1\nbook-updates-sequence=1\n")]
    public void A_file_that_is_not_a_checkpoint_is_refused_not_read_as_the_start(string content)
    {
        File.WriteAllText(Path.Combine(_directory.Path, PublishCheckpoint.FileName), content);

        Assert.Throws<InvalidDataException>(() => PublishCheckpoint.Load(_directory.Path));
    }

    public void Dispose() => _directory.Dispose();
}
