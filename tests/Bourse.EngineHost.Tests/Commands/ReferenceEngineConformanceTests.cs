using System.Diagnostics;
using System.Text.Json;
using Bourse.EngineHost.Commands;

namespace Bourse.EngineHost.Tests.Commands;

/// <summary>
/// Runs a generated stream through the Python reference engine, the judge of what the engine will accept, to check
/// the generator's model of the book: rejections are the intended ones, trades happen, the book keeps its size.
/// </summary>
public sealed class ReferenceEngineConformanceTests
{
    [PythonReferenceFact]
    public void The_reference_engine_rejects_only_the_intended_commands_of_a_generated_stream()
    {
        const int Count = 60_000;
        var generator = new CommandStreamGenerator(seed: 77);
        string directory = Directory.CreateTempSubdirectory("bourse-ref-").FullName;
        try
        {
            string stream = Path.Combine(directory, "stream.txt");
            using (CommandStreamWriter writer = CommandStreamWriter.Create(stream))
            {
                for (int i = 0; i < Count; i++)
                {
                    writer.Write(generator.Next());
                }
            }

            JsonElement summary = RunReference(stream, Path.Combine(directory, "ref"));

            Assert.Equal(Count, summary.GetProperty("commands").GetInt64());
            Assert.Equal(generator.InvalidGenerated, summary.GetProperty("rejected").GetInt64());
            Assert.Equal(generator.Book.Trades, summary.GetProperty("trades").GetInt64());
            Assert.Equal(generator.Book.Count, summary.GetProperty("restingOrders").GetInt32());
            Assert.Equal(generator.Book.BidLevels, summary.GetProperty("bidLevels").GetInt32());
            Assert.Equal(generator.Book.AskLevels, summary.GetProperty("askLevels").GetInt32());
            Assert.InRange(summary.GetProperty("cmdsWithTrades").GetInt64(), Count / 20, Count / 5);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    internal static JsonElement RunReference(string stream, string outPrefix)
    {
        var start = new ProcessStartInfo(PythonReferenceFactAttribute.Python!)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.ArgumentList.Add(PythonReferenceFactAttribute.ReferencePath!);
        start.ArgumentList.Add(stream);
        start.ArgumentList.Add("--out");
        start.ArgumentList.Add(outPrefix);
        using Process process = Process.Start(start)!;
        Task<string> stderr = process.StandardError.ReadToEndAsync();
        string stdout = process.StandardOutput.ReadToEnd();
        Assert.True(process.WaitForExit(TimeSpan.FromSeconds(30)), "bourse_ref.py did not finish in 30 s");
        Assert.True(process.ExitCode == 0, $"bourse_ref.py exited with {process.ExitCode}: {stderr.Result}");
        return JsonDocument.Parse(File.ReadAllText(outPrefix + ".summary.json")).RootElement.Clone();
    }
}
