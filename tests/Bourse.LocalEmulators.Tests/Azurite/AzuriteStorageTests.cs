using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using Bourse.LocalEmulators.Tests.Support;

namespace Bourse.LocalEmulators.Tests.Azurite;

/// <summary>The real Azure Storage clients against one in-memory Azurite, through its connection string.</summary>
[Collection(SharedAzurite.Name)]
public sealed class AzuriteStorageTests(AzuriteFixture azurite)
{
    [Fact]
    public void The_connection_string_names_the_development_account_and_the_three_loopback_endpoints()
    {
        var server = azurite.Server;

        Assert.Equal(
            $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey={AzuriteServer.AccountKey};" +
            $"BlobEndpoint=http://127.0.0.1:{server.BlobPort}/devstoreaccount1;QueueEndpoint=http://127.0.0.1:{server.QueuePort}/devstoreaccount1;" +
            $"TableEndpoint=http://127.0.0.1:{server.TablePort}/devstoreaccount1;",
            server.ConnectionString);
        Assert.Equal(3, new[] { server.BlobPort, server.QueuePort, server.TablePort }.Distinct().Count());
    }

    [Fact]
    public async Task A_blob_uploads_lists_and_downloads()
    {
        using var timeout = Timeouts.Short();
        var container = new BlobContainerClient(azurite.Server.ConnectionString, $"reports-{Guid.NewGuid():N}");
        await container.CreateAsync(cancellationToken: timeout.Token);
        var content = BinaryData.FromString("<report jurisdiction=\"CN\" date=\"2026-11-26\"/>");

        await container.UploadBlobAsync("cn/2026-11-26/r1.xml", content, timeout.Token);

        var names = new List<string>();
        await foreach (var item in container.GetBlobsAsync(cancellationToken: timeout.Token))
        {
            names.Add(item.Name);
        }

        Assert.Equal(["cn/2026-11-26/r1.xml"], names);
        var downloaded = await container.GetBlobClient("cn/2026-11-26/r1.xml").DownloadContentAsync(timeout.Token);
        Assert.Equal(content.ToArray(), downloaded.Value.Content.ToArray());
    }

    [Fact]
    public async Task A_table_entity_round_trips_and_queries_by_partition()
    {
        using var timeout = Timeouts.Short();
        var table = new TableClient(azurite.Server.ConnectionString, $"checkpoints{Guid.NewGuid():N}");
        await table.CreateAsync(timeout.Token);
        await table.AddEntityAsync(new TableEntity("executions", "0") { ["SequenceNumber"] = 41L, ["Offset"] = "1024" }, timeout.Token);
        await table.AddEntityAsync(new TableEntity("executions", "1") { ["SequenceNumber"] = 7L, ["Offset"] = "96" }, timeout.Token);
        await table.AddEntityAsync(new TableEntity("book-updates", "0") { ["SequenceNumber"] = 3L, ["Offset"] = "12" }, timeout.Token);

        var entity = await table.GetEntityAsync<TableEntity>("executions", "0", cancellationToken: timeout.Token);
        Assert.Equal(41L, entity.Value.GetInt64("SequenceNumber"));

        var partition = new List<string>();
        await foreach (var e in table.QueryAsync<TableEntity>(e => e.PartitionKey == "executions", cancellationToken: timeout.Token))
        {
            partition.Add(e.RowKey);
        }

        Assert.Equal(["0", "1"], partition);
    }

    [Fact]
    public async Task A_queue_message_is_sent_received_and_deleted()
    {
        using var timeout = Timeouts.Short();
        var queue = new QueueClient(azurite.Server.ConnectionString, $"work-items-{Guid.NewGuid():N}");
        await queue.CreateAsync(cancellationToken: timeout.Token);

        await queue.SendMessageAsync("settle o-1", timeout.Token);
        var received = await queue.ReceiveMessageAsync(cancellationToken: timeout.Token);
        Assert.Equal("settle o-1", received.Value.Body.ToString());
        await queue.DeleteMessageAsync(received.Value.MessageId, received.Value.PopReceipt, timeout.Token);

        var properties = await queue.GetPropertiesAsync(timeout.Token);
        Assert.Equal(0, properties.Value.ApproximateMessagesCount);
    }
}
