using System.Text.Json;
using Bourse.Engine.Journal;
using Bourse.Engine.Matching;
using Bourse.EngineHost.Cli;
using Bourse.EngineHost.Hosting;
using Bourse.EngineHost.Sharding;

namespace Bourse.EngineHost.Tests.OrderEntry;

public sealed class LoadVerbTests : IDisposable
{
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("bourse-load-");

    [Fact]
    public void Load_refuses_a_target_off_this_machine()
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();

        var exit = CommandLine.Run(["load", "--target", "http://10.1.2.3:5100", "--commands", "x.txt"], stdout, stderr);

        Assert.Equal(ExitCodes.Usage, exit);
        Assert.Contains("loopback", stderr.ToString(), StringComparison.Ordinal);
    }

    public void Dispose() => _directory.Delete(recursive: true);
}
