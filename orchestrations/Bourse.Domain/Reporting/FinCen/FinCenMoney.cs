using System.Globalization;

namespace Bourse.Domain.Reporting.FinCen;

/// <summary>
/// Amounts in FinCEN reports: US dollars, whole dollars. Each transaction converts exactly (decimal) with the batch's
/// rate; a filing's total is rounded once, up to the next whole dollar (FinCEN's instruction for SAR and CTR amounts:
/// 5,265.25 is recorded as 5266), so cents never make a reported total smaller than the money moved.
/// </summary>
internal static class FinCenMoney
{
    /// <summary>The report's currency.</summary>
    public const string Usd = "USD";

    /// <summary>The field that <see cref="ReportAssemblyException.Field"/> names for a transaction that has no rate.</summary>
    public const string CurrencyField = nameof(ReportableTransaction.Notional) + "." + nameof(Money.Currency);

    /// <summary>The exact US dollar value of <paramref name="transaction"/>'s notional.</summary>
    /// <exception cref="ReportAssemblyException">No (positive) rate for its currency, or a notional that is not positive.</exception>
    public static decimal ToUsd(ReportableTransaction transaction, IReadOnlyDictionary<string, decimal> rates)
    {
        Money notional = transaction.Notional;
        if (notional.Currency is null)
        {
            throw new ReportAssemblyException(transaction.OrderId, nameof(ReportableTransaction.Notional), "the notional is missing");
        }

        if (notional.Amount <= 0)
        {
            throw new ReportAssemblyException(transaction.OrderId, nameof(ReportableTransaction.Notional), $"must be more than zero; it is {notional}");
        }

        decimal rate;
        if (string.Equals(notional.Currency, Usd, StringComparison.Ordinal))
        {
            // A dollar is a dollar: the batch need not carry USD → USD.
            rate = 1m;
        }
        else if (!rates.TryGetValue(notional.Currency, out rate))
        {
            throw new ReportAssemblyException(transaction.OrderId, CurrencyField, $"the batch has no exchange rate from {notional.Currency} to {Usd}");
        }
        else if (rate <= 0)
        {
            throw new ReportAssemblyException(transaction.OrderId, CurrencyField, $"the exchange rate from {notional.Currency} to {Usd} must be more than zero; it is {rate.ToString(CultureInfo.InvariantCulture)}");
        }

        try
        {
            return notional.Amount * rate;
        }
        catch (OverflowException e)
        {
            throw new ReportAssemblyException($"{transaction.OrderId}: {nameof(ReportableTransaction.Notional)}: {notional} in {Usd} overflows", e);
        }
    }

    /// <summary><paramref name="usd"/> rounded up to the next whole dollar.</summary>
    public static decimal WholeDollars(decimal usd) => decimal.Ceiling(usd);

    /// <summary>A whole-dollar amount as the schemas' amount text: digits only, at most 15.</summary>
    /// <exception cref="ReportAssemblyException">More than 15 digits.</exception>
    public static string Text(decimal wholeDollars, string orderId, string field)
    {
        string text = decimal.Truncate(wholeDollars).ToString("0", CultureInfo.InvariantCulture);
        return text.Length <= FinCenLimits.Amount
            ? text
            : throw new ReportAssemblyException(orderId, field, $"{text} USD has more than {FinCenLimits.Amount} digits");
    }
}
