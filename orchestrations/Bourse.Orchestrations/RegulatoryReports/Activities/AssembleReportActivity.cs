using System.Security.Cryptography;
using System.Text.Json;
using Bourse.Domain.Reporting;
using Bourse.Orchestrations.OrderToClearing.Activities;
using Bourse.Orchestrations.Ports;
using Microsoft.Extensions.Options;

namespace Bourse.Orchestrations.RegulatoryReports.Activities;

/// <summary>What to assemble.</summary>
/// <param name="ReportId">The run.</param>
/// <param name="Jurisdiction">The format's jurisdiction.</param>
/// <param name="ReportType">The format's type.</param>
/// <param name="ReportDate">The day reported.</param>
/// <param name="Revision">The revision.</param>
/// <param name="PriorDocumentNumber">The corrected filing, for a correction.</param>
/// <param name="PreparedAt">The run's start (orchestration time): the file's preparation date, the same on every retry.</param>
/// <param name="StagedSelection">The staged selection (<see cref="Collected.StagedPath"/>).</param>
/// <param name="FileName">The file's name.</param>
public sealed record AssembleRequest(
    string ReportId, string Jurisdiction, string ReportType, DateOnly ReportDate, int Revision, string? PriorDocumentNumber,
    DateTimeOffset PreparedAt, string StagedSelection, string FileName);

/// <summary>The assembled file, staged, and what its schema found.</summary>
/// <param name="StagedPath">The staged file (<see langword="null"/> when assembly failed).</param>
/// <param name="Sha256">Its SHA-256, lowercase hex.</param>
/// <param name="Bytes">Its size.</param>
/// <param name="Findings">Errors and warnings of the regulator's schema.</param>
/// <param name="Failure">Why the data could not be written (<see cref="ReportAssemblyException"/>), or <see langword="null"/>.</param>
public sealed record Assembled(string? StagedPath, string? Sha256, long Bytes, IReadOnlyList<ReportSchemaFinding> Findings, string? Failure);

/// <summary>
/// Writes the staged selection as the format's XML, validates it against the regulator's XSD before it goes anywhere, and
/// stages it. A selection the format cannot write (no exchange rate, a datum missing) is an answer, not a failure to
/// retry: the run ends <see cref="ReportStages.AssemblyFailed"/> and names the field.
/// </summary>
public sealed class AssembleReportActivity(
    IReportFiles files, RegulatoryReportFormatCatalog formats, IRegulatorySchemaValidator schemas, IOptions<RegulatoryReportingOptions> options)
    : ISagaActivity<AssembleRequest, Assembled>
{
    /// <inheritdoc/>
    public async Task<Assembled> RunAsync(AssembleRequest input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        var format = formats.Get(input.Jurisdiction, input.ReportType);
        var settings = options.Value;
        if (settings.Filer is null)
        {
            return new Assembled(null, null, 0, [], $"{RegulatoryReportingOptions.SectionName}:Filer is not configured.");
        }

        var staged = await files.ReadStagedAsync(input.StagedSelection, cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidOperationException($"The staged selection {input.StagedSelection} is missing.");
        var transactions = JsonSerializer.Deserialize<List<ReportableTransaction>>(staged) ?? [];
        var batch = new ReportBatch(
            input.ReportDate, input.Revision, input.PriorDocumentNumber, input.PreparedAt, settings.Filer, transactions,
            new Dictionary<string, decimal>(settings.ExchangeRates, StringComparer.Ordinal));
        using var xml = new MemoryStream();
        try
        {
            format.Write(batch, xml);
        }
        catch (ReportAssemblyException e)
        {
            return new Assembled(null, null, 0, [], e.Message);
        }

        xml.Position = 0;
        var findings = schemas.Validate(format.SchemaFileName, xml)
            .Select(f => new ReportSchemaFinding(f.Line, f.Position, f.IsError, f.Message))
            .ToList();
        var content = xml.GetBuffer().AsMemory(0, (int)xml.Length);
        string path = input.ReportId + "/" + input.FileName;
        await files.StageAsync(path, content, cancellationToken).ConfigureAwait(false);
        return new Assembled(path, Convert.ToHexStringLower(SHA256.HashData(content.Span)), content.Length, findings, null);
    }
}
