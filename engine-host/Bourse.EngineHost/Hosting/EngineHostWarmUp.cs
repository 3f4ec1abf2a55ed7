using System.Diagnostics;
using System.Runtime;
using Bourse.Engine.Journal;
using Bourse.Engine.Matching;
using Bourse.EngineHost.Commands;
using Bourse.EngineHost.Harness;
using Bourse.EngineHost.Sharding;

namespace Bourse.EngineHost.Hosting;

/// <summary>
/// Warms the process up before the real host opens: a throwaway host (one shard, one unrestricted instrument, a journal
/// in a temporary directory, no publishing, no telemetry) takes generated orders over loopback gRPC from the
/// <c>load</c> client, 16 streams × 8 in flight, then is stopped and its directory deleted.
/// </summary>
/// <remarks>
/// Every stage of the real path runs (Kestrel's HTTP/2, the Trade stream's parser, the gateway, the shard ring, the
/// journal with the real flush policy and its fsyncs, matching, the commit thread, report writing), so the methods
/// the first real orders call are compiled, and the hot ones recompiled with their profile. Nothing is shared with
/// the real host: its registry, sessions, journals and engine order ids are its own and go away with it. A full
/// collection afterwards leaves the warm-up's garbage behind before the first real order.
/// </remarks>
internal static class EngineHostWarmUp
{
    private const int CommandsPerPass = 100_000;

    /// <summary>Sends <paramref name="orders"/> orders through a throwaway host.</summary>
    /// <param name="orders">How many; rounded up to whole passes of 100,000 (fewer when less are asked for).</param>
    /// <param name="journalOptions">The real host's journal settings, so that the warm-up fsyncs as it will.</param>
    public static async Task<WarmUpResult> RunAsync(int orders, FileCommandJournalOptions journalOptions, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(orders);
        ArgumentNullException.ThrowIfNull(journalOptions);
        var started = Stopwatch.GetTimestamp();
        var directory = Directory.CreateTempSubdirectory("bourse-warm-up-");
        LoadResult? last = null;
        var sent = 0L;
        try
        {
            var server = EngineHostServer.Create(
                [
                    new ShardOptions
                    {
                        Name = "warm-up",
                        Instruments = [new InstrumentSpec(1)],
                        JournalDirectory = directory.FullName,
                        JournalOptions = journalOptions,
                    },
                ],
                configureLogging: _ => { });
            await using (server.ConfigureAwait(false))
            {
                await server.StartAsync(cancellationToken).ConfigureAwait(false);
                var commands = CommandStreamGenerator.Generate(seed: 1, Math.Min(orders, CommandsPerPass));
                for (var pass = 1; sent < orders; pass++)
                {
                    last = await OrderEntryLoad.RunAsync(
                        server.OrderEntryAddress, commands, instrumentId: 1, streams: 16, window: 8, cancellationToken, clientIdPrefix: $"warm-up-{pass}-").ConfigureAwait(false);
                    sent += commands.Length;
                }
            }
        }
        finally
        {
            directory.Delete(recursive: true);
        }

        GCSettings.LargeObjectHeapCompactionMode = GCLargeObjectHeapCompactionMode.CompactOnce;
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        return new WarmUpResult(sent, Stopwatch.GetElapsedTime(started), last!, directory.FullName);
    }
}

/// <summary>What the warm-up did: the orders sent, how long it took, its last pass, and the directory it removed.</summary>
internal sealed record WarmUpResult(long Orders, TimeSpan Elapsed, LoadResult LastPass, string Directory);
