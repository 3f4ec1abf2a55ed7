using System.Globalization;
using System.Text.Json.Serialization;

namespace Bourse.Domain;

/// <summary>
/// An amount of money in one currency. The amount is a <see langword="decimal"/> (never binary floating point); the
/// currency is an ISO 4217 alphabetic code (<c>CNY</c>, <c>USD</c>). Amounts in different currencies never mix:
/// adding or comparing them throws, because converting between them is a decision with a rate and a date, not arithmetic.
/// </summary>
public readonly record struct Money
{
    /// <summary>An amount in <paramref name="currency"/>.</summary>
    /// <param name="amount">The amount; any sign.</param>
    /// <param name="currency">Three ASCII capital letters (see <see cref="IsCurrencyCode"/>).</param>
    /// <exception cref="ArgumentException"><paramref name="currency"/> is not three ASCII capital letters.</exception>
    [JsonConstructor]
    public Money(decimal amount, string currency)
    {
        if (!IsCurrencyCode(currency))
        {
            throw new ArgumentException($"'{currency}' is not an ISO 4217 currency code (three capital letters)", nameof(currency));
        }

        Amount = amount;
        Currency = currency;
    }

    /// <summary>The amount.</summary>
    public decimal Amount { get; }

    /// <summary>The ISO 4217 alphabetic currency code.</summary>
    public string Currency { get; }

    /// <summary>
    /// Whether <paramref name="code"/> has the shape of an ISO 4217 alphabetic code: exactly three ASCII capital letters.
    /// Whether the code is one that ISO currently lists is not checked (the list changes; configuration names what it uses).
    /// </summary>
    public static bool IsCurrencyCode(string? code) =>
        code is { Length: 3 } && char.IsAsciiLetterUpper(code[0]) && char.IsAsciiLetterUpper(code[1]) && char.IsAsciiLetterUpper(code[2]);

    /// <summary>The sum of this amount and <paramref name="other"/>, in the same currency.</summary>
    /// <exception cref="InvalidOperationException">The currencies differ.</exception>
    public Money Add(Money other)
    {
        RequireSameCurrency(other);
        return new Money(Amount + other.Amount, Currency);
    }

    /// <summary>Compares two amounts in the same currency.</summary>
    /// <exception cref="InvalidOperationException">The currencies differ.</exception>
    public int CompareAmount(Money other)
    {
        RequireSameCurrency(other);
        return Amount.CompareTo(other.Amount);
    }

    /// <summary>The amount (invariant culture, as many decimals as it carries) and the currency: <c>50000.00 CNY</c>.</summary>
    public override string ToString() => $"{Amount.ToString(CultureInfo.InvariantCulture)} {Currency}";

    private void RequireSameCurrency(Money other)
    {
        if (!string.Equals(Currency, other.Currency, StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"cannot combine {this} and {other}: the currencies differ");
        }
    }
}
