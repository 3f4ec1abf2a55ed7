namespace Bourse.Domain.Risk;

/// <summary>ISO 3166-1 alpha-2 country codes.</summary>
internal static class CountryCode
{
    /// <summary>Whether <paramref name="code"/> has the shape of an alpha-2 code: exactly two ASCII capital letters.</summary>
    public static bool IsAlpha2(string? code) =>
        code is { Length: 2 } && char.IsAsciiLetterUpper(code[0]) && char.IsAsciiLetterUpper(code[1]);
}
