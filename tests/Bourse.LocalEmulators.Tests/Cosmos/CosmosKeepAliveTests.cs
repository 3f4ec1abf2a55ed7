using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Bourse.LocalEmulators.Tests.Support;
using Microsoft.Azure.Cosmos;
using Xunit.Abstractions;

namespace Bourse.LocalEmulators.Tests.Cosmos;

/// <summary>The wrapper keeps connections alive: without it every request paid a TCP and TLS handshake.</summary>
[Collection(SharedCosmosServer.Name)]
public sealed class CosmosKeepAliveTests(CosmosFixture cosmos, ITestOutputHelper output)
{
    [Fact]
    public async Task Sequential_requests_reuse_one_connection()
    {
        var connections = 0;
        var pinned = cosmos.Server.Certificate.ToArray();
        using var handler = new SocketsHttpHandler
        {
            ConnectCallback = async (context, cancellationToken) =>
            {
                Interlocked.Increment(ref connections);
                var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                try
                {
                    await socket.ConnectAsync(context.DnsEndPoint, cancellationToken);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            },
            SslOptions = { RemoteCertificateValidationCallback = (_, certificate, _, _) => certificate!.GetRawCertData().AsSpan().SequenceEqual(pinned) },
        };
        using var http = new HttpClient(handler) { BaseAddress = cosmos.Server.Endpoint };

        for (var i = 0; i < 20; i++)
        {
            using var response = await http.GetAsync(new Uri("/", UriKind.Relative));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.True(response.Headers.ConnectionClose is not true, "the server asked to close the connection");
        }

        Assert.Equal(1, connections);
    }

    /// <summary>Bounded (400 writes, 400 reads, one client, one at a time); reports the rates, asserts only success.</summary>
    [Fact]
    public async Task Sequential_upserts_and_reads_report_their_rate()
    {
        const int Count = 400;
        var container = await cosmos.CreateContainerAsync();
        var placed = new DateTimeOffset(2026, 11, 26, 9, 30, 0, TimeSpan.FromHours(8));
        await container.UpsertItemAsync(new Order("warm-up", "acc-1", "XSHG:600000", 1m, 1, placed), new PartitionKey("acc-1"));

        var clock = Stopwatch.StartNew();
        for (var i = 0; i < Count; i++)
        {
            var account = $"acc-{i % 8}";
            await container.UpsertItemAsync(new Order($"o-{i}", account, "XSHG:600000", 10m + i, i, placed), new PartitionKey(account));
        }

        var writes = clock.Elapsed;
        clock.Restart();
        for (var i = 0; i < Count; i++)
        {
            var read = await container.ReadItemAsync<Order>($"o-{i}", new PartitionKey($"acc-{i % 8}"));
            Assert.Equal(i, read.Resource.Quantity);
        }

        var reads = clock.Elapsed;
        output.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"sequential upserts: {Count / writes.TotalSeconds:F0}/s ({writes.TotalMilliseconds / Count:F2} ms each); " +
            $"point reads: {Count / reads.TotalSeconds:F0}/s ({reads.TotalMilliseconds / Count:F2} ms each)"));
    }
}
