namespace Bourse.Domain.Reporting;

/// <summary>What one report file is made of: the day's reportable transactions that its format selected, who files, and
/// how amounts convert to the report's currency.</summary>
/// <param name="ReportDate">The business day reported.</param>
/// <param name="Revision">0 for the first filing of the day; a higher number regenerates (corrects) it.</param>
/// <param name="PriorDocumentNumber">For a correction, the regulator's id of the filing it corrects; otherwise <see langword="null"/>.</param>
/// <param name="PreparedAt">When the batch is assembled (orchestration time, so replays write the same bytes).</param>
/// <param name="Filer">Who files.</param>
/// <param name="Transactions">The transactions to report, already selected by the format, in a stable order.</param>
/// <param name="ExchangeRates">Units of the report's currency per unit of each transaction currency (for FinCEN, USD per
/// CNY). A transaction in a currency with no rate cannot be reported: the format throws <see cref="ReportAssemblyException"/>.</param>
public sealed record ReportBatch(
    DateOnly ReportDate,
    int Revision,
    string? PriorDocumentNumber,
    DateTimeOffset PreparedAt,
    ReportFiler Filer,
    IReadOnlyList<ReportableTransaction> Transactions,
    IReadOnlyDictionary<string, decimal> ExchangeRates);
