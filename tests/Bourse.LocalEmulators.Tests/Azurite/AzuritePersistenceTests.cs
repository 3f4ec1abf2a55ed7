using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using Bourse.LocalEmulators.Tests.Support;

namespace Bourse.LocalEmulators.Tests.Azurite;

/// <summary>With a data directory, what one Azurite process stored is there for the next one.</summary>
public sealed class AzuritePersistenceTests
{
    [Fact]
    public async Task A_restart_on_the_same_location_keeps_blobs_tables_and_queues()
    {
        using var data = new TempDirectory();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));

        await using (var first = await AzuriteServer.StartAsync(new AzuriteServerOptions { DataDirectory = data.Path }, timeout.Token))
        {
            var container = new BlobContainerClient(first.ConnectionString, "archive");
            await container.CreateAsync(cancellationToken: timeout.Token);
            await container.UploadBlobAsync("r1.xml", BinaryData.FromString("<r1/>"), timeout.Token);
            var table = new TableClient(first.ConnectionString, "ledger");
            await table.CreateAsync(timeout.Token);
            await table.AddEntityAsync(new TableEntity("acc-1", "posting-1") { ["Amount"] = "101.25" }, timeout.Token);
            var queue = new QueueClient(first.ConnectionString, "settlements");
            await queue.CreateAsync(cancellationToken: timeout.Token);
            await queue.SendMessageAsync("settle o-1", timeout.Token);
        }

        Assert.True(Directory.EnumerateFileSystemEntries(data.Path).Any(), "Azurite wrote nothing to its location");

        await using var second = await AzuriteServer.StartAsync(new AzuriteServerOptions { DataDirectory = data.Path }, timeout.Token);
        var blob = await new BlobContainerClient(second.ConnectionString, "archive").GetBlobClient("r1.xml").DownloadContentAsync(timeout.Token);
        Assert.Equal("<r1/>", blob.Value.Content.ToString());
        var entity = await new TableClient(second.ConnectionString, "ledger").GetEntityAsync<TableEntity>("acc-1", "posting-1", cancellationToken: timeout.Token);
        Assert.Equal("101.25", entity.Value.GetString("Amount"));
        var message = await new QueueClient(second.ConnectionString, "settlements").ReceiveMessageAsync(cancellationToken: timeout.Token);
        Assert.Equal("settle o-1", message.Value.Body.ToString());
    }

    [Fact]
    public async Task In_memory_data_is_gone_after_a_restart()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await using (var first = await AzuriteServer.StartAsync(cancellationToken: timeout.Token))
        {
            await new BlobContainerClient(first.ConnectionString, "scratch").CreateAsync(cancellationToken: timeout.Token);
            Assert.Null(first.DataDirectory);
        }

        await using var second = await AzuriteServer.StartAsync(cancellationToken: timeout.Token);
        Assert.False(await new BlobContainerClient(second.ConnectionString, "scratch").ExistsAsync(timeout.Token));
    }
}
