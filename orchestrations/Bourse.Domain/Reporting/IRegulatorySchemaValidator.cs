namespace Bourse.Domain.Reporting;

/// <summary>Validates a report file against a regulator's schema, by the schema's file name.</summary>
public interface IRegulatorySchemaValidator
{
    /// <summary>Every error and warning of <paramref name="xml"/> against <paramref name="schemaFileName"/>; empty when valid.</summary>
    IReadOnlyList<SchemaValidationError> Validate(string schemaFileName, Stream xml);
}
