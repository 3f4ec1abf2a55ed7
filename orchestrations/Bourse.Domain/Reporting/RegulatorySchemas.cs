using System.Xml;
using System.Xml.Schema;

namespace Bourse.Domain.Reporting;

/// <summary>
/// The regulators' XSDs of one directory, each compiled once into its own <see cref="XmlSchemaSet"/> (keyed by file name),
/// and validation of report files against them. Load it once and share it: compiling the FinCEN schemas costs far more
/// than validating a batch.
/// </summary>
public sealed class RegulatorySchemas : IRegulatorySchemaValidator
{
    /// <summary>The environment variable that names the schema directory for local runs and tests.</summary>
    public const string DirectoryEnvironmentVariable = "BOURSE_REGULATORY_SCHEMAS";

    /// <summary>Where the FinCEN schemas sit below the shared folder's parent (the repository's parent directory).</summary>
    public const string SharedFinCenSchemaPath = "shared/data/regulatory/fincen/xsd";

    private readonly Dictionary<string, CompiledSchema> _schemas;

    private RegulatorySchemas(string directory, Dictionary<string, CompiledSchema> schemas)
    {
        Directory = directory;
        _schemas = schemas;
    }

    /// <summary>The directory the schemas were loaded from (full path).</summary>
    public string Directory { get; }

    /// <summary>The file names of the loaded schemas, in ordinal order.</summary>
    public IReadOnlyList<string> SchemaFileNames => [.. _schemas.Keys.Order(StringComparer.Ordinal)];

    /// <summary>
    /// Compiles every <c>*.xsd</c> file of <paramref name="directory"/>. Warnings of the compilation (for the FinCEN
    /// schemas: their target namespace <c>www.fincen.gov/base</c> is not an absolute URI) are kept, see
    /// <see cref="CompileWarnings"/>; an error fails the load.
    /// </summary>
    /// <exception cref="DirectoryNotFoundException">The directory does not exist.</exception>
    /// <exception cref="InvalidDataException">A schema does not compile.</exception>
    public static RegulatorySchemas Load(string directory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        string full = Path.GetFullPath(directory);
        if (!System.IO.Directory.Exists(full))
        {
            throw new DirectoryNotFoundException($"The regulatory schema directory '{full}' does not exist.");
        }

        var schemas = new Dictionary<string, CompiledSchema>(StringComparer.Ordinal);
        foreach (string path in System.IO.Directory.GetFiles(full, "*.xsd").Order(StringComparer.Ordinal))
        {
            schemas.Add(Path.GetFileName(path), Compile(path));
        }

        return new RegulatorySchemas(full, schemas);
    }

    /// <summary>
    /// The default schema directory for local runs and tests: the directory that <see cref="DirectoryEnvironmentVariable"/>
    /// names when it is set, otherwise the first <see cref="SharedFinCenSchemaPath"/> found below
    /// <paramref name="startDirectory"/> or one of its ancestors (the repository sits beside the <c>shared</c> folder).
    /// </summary>
    /// <param name="startDirectory">Where the walk up starts; <see cref="AppContext.BaseDirectory"/> when omitted.</param>
    /// <exception cref="DirectoryNotFoundException">The variable names a directory that does not exist, or no ancestor
    /// holds the shared schemas; the message says what was tried.</exception>
    public static string LocateDefaultDirectory(string? startDirectory = null) =>
        LocateDefaultDirectory(startDirectory, Environment.GetEnvironmentVariable(DirectoryEnvironmentVariable));

    /// <summary><see cref="LocateDefaultDirectory(string?)"/> with the variable's value given (tests cannot safely set
    /// a process-wide variable while other tests run).</summary>
    internal static string LocateDefaultDirectory(string? startDirectory, string? configured)
    {
        if (!string.IsNullOrWhiteSpace(configured))
        {
            // An explicit setting that is wrong must not silently fall back to some other copy of the schemas.
            string full = Path.GetFullPath(configured);
            return System.IO.Directory.Exists(full)
                ? full
                : throw new DirectoryNotFoundException($"{DirectoryEnvironmentVariable} names '{full}', which does not exist.");
        }

        string start = Path.GetFullPath(startDirectory ?? AppContext.BaseDirectory);
        for (DirectoryInfo? dir = new(start); dir is not null; dir = dir.Parent)
        {
            string candidate = Path.Combine(dir.FullName, SharedFinCenSchemaPath);
            if (System.IO.Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new DirectoryNotFoundException(
            $"No regulatory schema directory: {DirectoryEnvironmentVariable} is not set and no '{SharedFinCenSchemaPath}' " +
            $"was found in '{start}' or any of its ancestors.");
    }

    /// <summary>The warnings that compiling <paramref name="schemaFileName"/> gave (an error would have failed the load).</summary>
    /// <exception cref="FileNotFoundException">No such schema was loaded.</exception>
    public IReadOnlyList<SchemaValidationError> CompileWarnings(string schemaFileName) => Get(schemaFileName).CompileWarnings;

    /// <summary>
    /// Validates the whole of <paramref name="xml"/> against <paramref name="schemaFileName"/>, identity constraints
    /// (unique <c>SeqNum</c>) included, and returns every error and warning with its line and position; empty when the
    /// file is valid. A file that is not well-formed XML ends with one error where the parser stopped.
    /// </summary>
    /// <exception cref="FileNotFoundException">No such schema was loaded.</exception>
    public IReadOnlyList<SchemaValidationError> Validate(string schemaFileName, Stream xml)
    {
        ArgumentNullException.ThrowIfNull(xml);
        CompiledSchema schema = Get(schemaFileName);
        var findings = new List<SchemaValidationError>();
        var settings = new XmlReaderSettings
        {
            ValidationType = ValidationType.Schema,
            ValidationFlags = XmlSchemaValidationFlags.ProcessIdentityConstraints | XmlSchemaValidationFlags.ReportValidationWarnings,
            DtdProcessing = DtdProcessing.Prohibit,
            XmlResolver = null,
        };
        settings.ValidationEventHandler += (_, e) => findings.Add(ToFinding(e));

        // XmlSchemaSet promises no thread safety; one validation at a time per schema keeps the shared set intact.
        lock (schema.Set)
        {
            settings.Schemas = schema.Set;
            using var reader = XmlReader.Create(xml, settings);
            try
            {
                while (reader.Read())
                {
                }
            }
            catch (XmlException e)
            {
                findings.Add(new SchemaValidationError(e.LineNumber, e.LinePosition, IsError: true, e.Message));
            }
        }

        return findings;
    }

    private CompiledSchema Get(string schemaFileName)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(schemaFileName);
        return _schemas.TryGetValue(schemaFileName, out CompiledSchema? schema)
            ? schema
            : throw new FileNotFoundException(
                $"The schema '{schemaFileName}' is not in the regulatory schema directory '{Directory}' " +
                $"(it has: {(_schemas.Count == 0 ? "no .xsd file" : string.Join(", ", SchemaFileNames))}).",
                Path.Combine(Directory, schemaFileName));
    }

    private static CompiledSchema Compile(string path)
    {
        var findings = new List<SchemaValidationError>();
        var set = new XmlSchemaSet { XmlResolver = null };
        set.ValidationEventHandler += (_, e) => findings.Add(ToFinding(e));
        using (var reader = XmlReader.Create(path, new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null }))
        {
            set.Add(targetNamespace: null, reader);
        }

        set.Compile();
        SchemaValidationError[] errors = [.. findings.Where(f => f.IsError)];
        if (errors.Length > 0 || !set.IsCompiled)
        {
            throw new InvalidDataException(
                $"The schema '{path}' does not compile: {string.Join("; ", errors.Select(e => $"({e.Line},{e.Position}) {e.Message}"))}");
        }

        return new CompiledSchema(set, findings);
    }

    private static SchemaValidationError ToFinding(ValidationEventArgs e) =>
        new(e.Exception?.LineNumber ?? 0, e.Exception?.LinePosition ?? 0, e.Severity == XmlSeverityType.Error, e.Message);

    private sealed record CompiledSchema(XmlSchemaSet Set, IReadOnlyList<SchemaValidationError> CompileWarnings);
}
