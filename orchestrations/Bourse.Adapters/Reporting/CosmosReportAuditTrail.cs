using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Bourse.Orchestrations.Ports;
using Microsoft.Azure.Cosmos;

namespace Bourse.Adapters.Reporting;

/// <summary>
/// The reports' audit trail on Cosmos DB: one create-only document per archived report (partitioned by <c>/reportDate</c>,
/// id = the report run), so a retried archive keeps the first record.
/// </summary>
public sealed class CosmosReportAuditTrail(Container container) : IReportAuditTrail
{
    /// <summary>Creates the container if needed.</summary>
    public static async Task<Container> CreateContainerIfNotExistsAsync(Database database, string name, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(database);
        var response = await database.CreateContainerIfNotExistsAsync(name, "/reportDate", cancellationToken: cancellationToken).ConfigureAwait(false);
        return response.Container;
    }

    /// <inheritdoc/>
    public async Task<ReportAuditRecord> RecordAsync(ReportAuditRecord record, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(record);
        string day = record.ReportDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var document = JsonSerializer.SerializeToNode(record)!.AsObject();
        document["id"] = record.ReportId;
        document["reportDate"] = day;
        using var body = new MemoryStream(Encoding.UTF8.GetBytes(document.ToJsonString()));
        using var created = await container.CreateItemStreamAsync(body, new PartitionKey(day), cancellationToken: cancellationToken).ConfigureAwait(false);
        if (created.StatusCode != HttpStatusCode.Conflict)
        {
            created.EnsureSuccessStatusCode();
            return record;
        }

        return await FindAsync(record.ReportId, record.ReportDate, cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidOperationException($"The audit record of {record.ReportId} conflicted on create but cannot be read.");
    }

    /// <summary>The record of report run <paramref name="reportId"/> of <paramref name="reportDate"/>, or <see langword="null"/>.</summary>
    public async Task<ReportAuditRecord?> FindAsync(string reportId, DateOnly reportDate, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(reportId);
        string day = reportDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        using var read = await container.ReadItemStreamAsync(reportId, new PartitionKey(day), cancellationToken: cancellationToken).ConfigureAwait(false);
        if (read.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }

        read.EnsureSuccessStatusCode();
        return await JsonSerializer.DeserializeAsync<ReportAuditRecord>(read.Content, cancellationToken: cancellationToken).ConfigureAwait(false);
    }
}
