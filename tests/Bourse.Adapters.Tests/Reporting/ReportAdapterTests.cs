using System.Security.Cryptography;
using System.Text;
using Azure.Storage.Blobs;
using Bourse.Adapters.Cosmos;
using Bourse.Adapters.Reporting;
using Bourse.Adapters.Tests.Support;
using Bourse.LocalEmulators;
using Bourse.Orchestrations.Ports;

namespace Bourse.Adapters.Tests.Reporting;

/// <summary>The report files on a real Azurite: staging, and an archive written once per name.</summary>
public sealed class BlobReportFilesTests : IAsyncLifetime
{
    private AzuriteServer _azurite = null!;
    private BlobReportFiles _files = null!;
    private BlobContainerClient _archive = null!;

    public async Task InitializeAsync()
    {
        _azurite = await AzuriteServer.StartAsync();
        var blobs = new BlobServiceClient(_azurite.ConnectionString);
        _archive = blobs.GetBlobContainerClient("report-archive");
        _files = new BlobReportFiles(blobs.GetBlobContainerClient("report-staging"), _archive, createContainers: true);
    }

    public async Task DisposeAsync() => await _azurite.DisposeAsync();

    private static (byte[] Bytes, string Sha) Content(string text)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        return (bytes, Convert.ToHexStringLower(SHA256.HashData(bytes)));
    }

    [Fact]
    public async Task A_staged_file_is_archived_once_and_archiving_it_again_is_harmless()
    {
        var (bytes, sha) = Content("<report>1</report>");
        await _files.StageAsync("run-1/report.xml", bytes);

        bool first = await _files.ArchiveAsync("run-1/report.xml", "US-FINCEN/SAR/2026/11/26/report.xml", sha);
        bool again = await _files.ArchiveAsync("run-1/report.xml", "US-FINCEN/SAR/2026/11/26/report.xml", sha);

        Assert.True(first);
        Assert.False(again);
        Assert.Equal(bytes, await _files.ReadArchivedAsync("US-FINCEN/SAR/2026/11/26/report.xml"));
        var properties = await _archive.GetBlobClient("US-FINCEN/SAR/2026/11/26/report.xml").GetPropertiesAsync();
        Assert.Equal(sha, properties.Value.Metadata[BlobReportFiles.Sha256Metadata]);
        Assert.Equal("application/xml", properties.Value.ContentType);
    }

    [Fact]
    public async Task Other_content_under_an_archived_name_is_refused_and_the_archive_keeps_the_first()
    {
        var (first, firstSha) = Content("<report>first</report>");
        var (second, secondSha) = Content("<report>second</report>");
        await _files.StageAsync("run-2/a.xml", first);
        await _files.ArchiveAsync("run-2/a.xml", "X/a.xml", firstSha);
        await _files.StageAsync("run-2/a.xml", second);

        await Assert.ThrowsAsync<ReportArchiveConflictException>(() => _files.ArchiveAsync("run-2/a.xml", "X/a.xml", secondSha));

        Assert.Equal(first, await _files.ReadArchivedAsync("X/a.xml"));
    }

    [Fact]
    public async Task A_staged_file_that_changed_after_validation_is_not_archived()
    {
        var (bytes, _) = Content("<report>changed</report>");
        var (_, validatedSha) = Content("<report>validated</report>");
        await _files.StageAsync("run-3/a.xml", bytes);

        await Assert.ThrowsAsync<ReportArchiveConflictException>(() => _files.ArchiveAsync("run-3/a.xml", "Y/a.xml", validatedSha));

        Assert.Null(await _files.ReadArchivedAsync("Y/a.xml"));
    }

    [Fact]
    public async Task Concurrent_archives_of_the_same_file_write_it_once()
    {
        var (bytes, sha) = Content("<report>race</report>");
        await _files.StageAsync("run-4/a.xml", bytes);

        var wrote = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => _files.ArchiveAsync("run-4/a.xml", "Z/a.xml", sha)));

        Assert.Equal(1, wrote.Count(w => w));
        Assert.Equal(bytes, await _files.ReadArchivedAsync("Z/a.xml"));
    }

    [Fact]
    public async Task Missing_files_read_as_null()
    {
        Assert.Null(await _files.ReadStagedAsync("nothing/here.json"));
        Assert.Null(await _files.ReadArchivedAsync("nothing/here.xml"));
    }
}

/// <summary>The reports' audit trail and the flags of a business day on the local Cosmos DB server.</summary>
[Collection(SharedCosmosServer.Name)]
public sealed class CosmosReportRecordsTests(CosmosFixture cosmos)
{
    [Fact]
    public async Task An_audit_record_is_written_once_and_a_second_write_returns_the_first()
    {
        var trail = new CosmosReportAuditTrail(await CosmosReportAuditTrail.CreateContainerIfNotExistsAsync(cosmos.Database, $"audit-{Guid.NewGuid():N}"));
        var record = new ReportAuditRecord("report-us-fincen-sar-2026-11-25-r0", "US-FINCEN", "SAR", new DateOnly(2026, 11, 25), 0,
            "US-FINCEN/SAR/2026/11/25/f.xml", "aa11", 1234, 3, 0, new DateTimeOffset(2026, 11, 25, 9, 30, 0, TimeSpan.Zero));

        var kept = await trail.RecordAsync(record);
        var again = await trail.RecordAsync(record with { Sha256 = "bb22", ArchivedAt = record.ArchivedAt.AddMinutes(5) });

        Assert.Equal(record, kept);
        Assert.Equal(record, again);
        Assert.Equal(record, await trail.FindAsync(record.ReportId, record.ReportDate));
        Assert.Null(await trail.FindAsync("other", record.ReportDate));
    }

    [Fact]
    public async Task A_business_day_in_Shanghai_reads_the_flags_of_both_utc_days_it_spans_and_nothing_outside_it()
    {
        var (decisions, flags) = await CosmosRiskRecords.CreateContainersIfNotExistsAsync(
            cosmos.Database, $"decisions-{Guid.NewGuid():N}", $"flags-{Guid.NewGuid():N}");
        var records = new CosmosRiskRecords(decisions, flags);
        // 2026-11-25 in Shanghai is [2026-11-24T16:00Z, 2026-11-25T16:00Z).
        var start = new DateTimeOffset(2026, 11, 25, 0, 0, 0, TimeSpan.FromHours(8));
        RegulatoryFlag Flag(string order, DateTimeOffset at) => new(order, "acc", "cust", "rule", "STRUCTURING_SUSPECTED", "d", "v1", at);
        await records.RecordAsync([
            Flag("before", start.AddTicks(-1)), Flag("first-instant", start), Flag("utc-evening", start.AddHours(7)),
            Flag("utc-next-day", start.AddHours(9)), Flag("last-instant", start.AddDays(1).AddTicks(-10)), Flag("after", start.AddDays(1)),
        ]);

        var day = await records.GetFlagsAsync(start, start.AddDays(1));

        Assert.Equal(["first-instant", "last-instant", "utc-evening", "utc-next-day"], day.Select(f => f.OrderId).Order(StringComparer.Ordinal));
    }
}

/// <summary>The regulator's drop folder on a real directory.</summary>
public sealed class DropFolderRegulatorGatewayTests : IDisposable
{
    private readonly DirectoryInfo _outbox = Directory.CreateTempSubdirectory("bourse-outbox-");

    public void Dispose() => _outbox.Delete(recursive: true);

    [Fact]
    public async Task A_file_is_delivered_whole_once_and_a_retry_answers_the_first_delivery()
    {
        var gateway = new DropFolderRegulatorGateway(_outbox.FullName);
        var bytes = Encoding.UTF8.GetBytes("<batch/>");
        string sha = Convert.ToHexStringLower(SHA256.HashData(bytes));

        var first = await gateway.SubmitAsync("US-FINCEN", "a.xml", bytes, sha);
        var retry = await gateway.SubmitAsync("US-FINCEN", "a.xml", bytes, sha);

        Assert.Equal(("US-FINCEN/a.xml", false), (first.Reference, first.AlreadySubmitted));
        Assert.True(retry.AlreadySubmitted);
        Assert.Equal(bytes, await File.ReadAllBytesAsync(Path.Combine(_outbox.FullName, "US-FINCEN", "a.xml")));
        Assert.Single(Directory.GetFiles(Path.Combine(_outbox.FullName, "US-FINCEN")));
    }

    [Fact]
    public async Task Other_content_under_a_delivered_name_is_refused()
    {
        var gateway = new DropFolderRegulatorGateway(_outbox.FullName);
        var first = Encoding.UTF8.GetBytes("<batch>1</batch>");
        var other = Encoding.UTF8.GetBytes("<batch>2</batch>");
        await gateway.SubmitAsync("US-FINCEN", "b.xml", first, Convert.ToHexStringLower(SHA256.HashData(first)));

        await Assert.ThrowsAsync<ReportArchiveConflictException>(
            () => gateway.SubmitAsync("US-FINCEN", "b.xml", other, Convert.ToHexStringLower(SHA256.HashData(other))));

        Assert.Equal(first, await File.ReadAllBytesAsync(Path.Combine(_outbox.FullName, "US-FINCEN", "b.xml")));
    }

    [Theory]
    [InlineData("US-FINCEN", "../escape.xml")]
    [InlineData("..", "a.xml")]
    [InlineData("US/FINCEN", "a.xml")]
    public async Task Names_that_would_leave_the_drop_folder_are_refused(string jurisdiction, string file)
    {
        var gateway = new DropFolderRegulatorGateway(_outbox.FullName);

        await Assert.ThrowsAsync<ArgumentException>(() => gateway.SubmitAsync(jurisdiction, file, new byte[] { 1 }, "00"));

        Assert.Empty(Directory.GetFileSystemEntries(_outbox.FullName));
    }
}
