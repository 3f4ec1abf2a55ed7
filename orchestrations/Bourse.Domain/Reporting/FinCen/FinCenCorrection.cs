using System.Globalization;

namespace Bourse.Domain.Reporting.FinCen;

/// <summary>
/// Whether a batch corrects an earlier filing. A correction is a revision above 0 with the BSA ID that FinCEN gave the
/// filing it corrects; a revision above 0 without one regenerates a batch that never reached FinCEN, so it is still an
/// initial report.
/// </summary>
internal static class FinCenCorrection
{
    /// <summary>The prior BSA ID (14 digits) when <paramref name="batch"/> corrects a filing; otherwise <see langword="null"/>.</summary>
    /// <exception cref="ReportAssemblyException">A prior document number on revision 0, or one that is not 1 to 14 digits.</exception>
    public static string? PriorDocumentNumber(ReportBatch batch)
    {
        if (string.IsNullOrWhiteSpace(batch.PriorDocumentNumber))
        {
            return null;
        }

        string prior = batch.PriorDocumentNumber.Trim();
        if (batch.Revision <= 0)
        {
            throw new ReportAssemblyException($"{nameof(ReportBatch.PriorDocumentNumber)}: revision {batch.Revision.ToString(CultureInfo.InvariantCulture)} is a first filing; it cannot correct '{prior}'");
        }

        if (prior.Length is 0 or > FinCenLimits.PriorDocumentNumberDigits || !prior.All(char.IsAsciiDigit))
        {
            throw new ReportAssemblyException($"{nameof(ReportBatch.PriorDocumentNumber)}: '{prior}' is not a BSA ID (1 to {FinCenLimits.PriorDocumentNumberDigits} digits)");
        }

        return prior;
    }
}
