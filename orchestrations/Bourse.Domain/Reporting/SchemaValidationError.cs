namespace Bourse.Domain.Reporting;

/// <summary>One finding of validating a report against its regulator's schema.</summary>
/// <param name="Line">1-based line in the file (0 when unknown).</param>
/// <param name="Position">1-based column (0 when unknown).</param>
/// <param name="IsError">An error (the regulator would reject the file) rather than a warning.</param>
/// <param name="Message">The validator's message.</param>
public sealed record SchemaValidationError(int Line, int Position, bool IsError, string Message);
