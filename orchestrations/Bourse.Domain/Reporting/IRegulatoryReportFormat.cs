namespace Bourse.Domain.Reporting;

/// <summary>
/// A regulator's report format (a plug-in): which transactions it reports, and how it writes them as one XML batch file
/// that the regulator's schema accepts.
/// </summary>
public interface IRegulatoryReportFormat
{
    /// <summary>Who receives it, e.g. <c>US-FINCEN</c>.</summary>
    string Jurisdiction { get; }

    /// <summary>The report type within the jurisdiction, e.g. <c>SAR</c> or <c>CTR</c>.</summary>
    string ReportType { get; }

    /// <summary>The file name of the regulator's XSD that the batch validates against, in the configured schema directory.</summary>
    string SchemaFileName { get; }

    /// <summary>Whether <paramref name="transaction"/> belongs in this report.</summary>
    bool Selects(ReportableTransaction transaction);

    /// <summary>Writes <paramref name="batch"/> as one XML batch file (UTF-8) to <paramref name="output"/>, streaming.
    /// Deterministic: the same batch gives the same bytes.</summary>
    /// <exception cref="ReportAssemblyException">A transaction cannot be written (no exchange rate, a required datum missing).</exception>
    void Write(ReportBatch batch, Stream output);
}

/// <summary>A report could not be assembled from its data; <see cref="Field"/> names what is missing or wrong.</summary>
public sealed class ReportAssemblyException : Exception
{
    public ReportAssemblyException() { }

    public ReportAssemblyException(string message) : base(message) { }

    public ReportAssemblyException(string message, Exception innerException) : base(message, innerException) { }

    /// <summary>Creates it for <paramref name="field"/> of transaction <paramref name="orderId"/>.</summary>
    public ReportAssemblyException(string orderId, string field, string message) : base($"{orderId}: {field}: {message}")
    {
        OrderId = orderId;
        Field = field;
    }

    /// <summary>The transaction at fault, when one is.</summary>
    public string? OrderId { get; }

    /// <summary>The datum at fault.</summary>
    public string? Field { get; }
}
