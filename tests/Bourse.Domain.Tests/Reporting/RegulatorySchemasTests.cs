using System.Text;
using System.Xml.Schema;
using Bourse.Domain.Reporting;
using Bourse.Domain.Reporting.FinCen;
using Bourse.Domain.Risk;
using static Bourse.Domain.Tests.Reporting.ReportingData;

namespace Bourse.Domain.Tests.Reporting;

public sealed class RegulatorySchemasTests
{
    private readonly FinCenSarFormat _sar = new();

    [Fact]
    public void The_shared_FinCEN_schemas_are_found_and_compile()
    {
        Assert.Contains("EFL_SARXBatchSchema.xsd", Schemas.SchemaFileNames);
        Assert.Contains("EFL_CTRXBatchSchema.xsd", Schemas.SchemaFileNames);
        foreach (string schema in Schemas.SchemaFileNames)
        {
            // The README expects a warning that www.fincen.gov/base is no absolute URI; .NET 10 gives none. Nothing else.
            Assert.All(Schemas.CompileWarnings(schema), w => Assert.False(w.IsError));
            Assert.All(Schemas.CompileWarnings(schema), w => Assert.Contains("absolute URI", w.Message, StringComparison.Ordinal));
        }
    }

    [Fact]
    public void A_broken_file_gives_every_error_with_its_line()
    {
        string valid = Encoding.UTF8.GetString(Write(_sar, Batch([Transaction("T-1"), Transaction("T-2", "C-2")])));
        string[] lines = valid.Split('\n');
        int firstFilingDate = Array.FindIndex(lines, l => l.Contains("<fc2:FilingDateText>", StringComparison.Ordinal));
        int lastNameType = Array.FindLastIndex(lines, l => l.Contains("<fc2:PartyNameTypeCode>", StringComparison.Ordinal));
        string broken = string.Join('\n', lines.Where((_, i) => i != firstFilingDate && i != lastNameType))
            .Replace("<fc2:SuspiciousActivitySubtypeID>114<", "<fc2:SuspiciousActivitySubtypeID>115<", StringComparison.Ordinal);

        IReadOnlyList<SchemaValidationError> findings = Schemas.Validate(_sar.SchemaFileName, new MemoryStream(Encoding.UTF8.GetBytes(broken)));

        Assert.Empty(Schemas.Validate(_sar.SchemaFileName, new MemoryStream(Encoding.UTF8.GetBytes(valid))));
        Assert.True(findings.Count >= 3, string.Join("\n", findings));
        Assert.All(findings, f => Assert.True(f.IsError && f.Line > 1 && f.Position > 0, f.ToString()));
        Assert.True(findings.Select(f => f.Line).Distinct().Count() >= 3, string.Join("\n", findings));
        Assert.Contains(findings, f => f.Message.Contains("FilingDateText", StringComparison.Ordinal));
        Assert.Contains(findings, f => f.Message.Contains("PartyNameTypeCode", StringComparison.Ordinal));
        Assert.Contains(findings, f => f.Message.Contains("SuspiciousActivitySubtypeID", StringComparison.Ordinal));
    }

    [Fact]
    public void Duplicate_SeqNums_break_the_schema_identity_constraint()
    {
        string valid = Encoding.UTF8.GetString(Write(_sar, Batch([Transaction("T-1")])));
        string broken = valid.Replace("SeqNum=\"3\"", "SeqNum=\"2\"", StringComparison.Ordinal);

        IReadOnlyList<SchemaValidationError> findings = Schemas.Validate(_sar.SchemaFileName, new MemoryStream(Encoding.UTF8.GetBytes(broken)));

        SchemaValidationError finding = Assert.Single(findings);
        Assert.True(finding.IsError);
        Assert.Contains("Unique-SeqNum", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_file_that_is_not_well_formed_gives_an_error_where_the_parser_stopped()
    {
        byte[] xml = "<?xml version=\"1.0\"?>\n<fc2:EFilingBatchXML xmlns:fc2=\"www.fincen.gov/base\">\n  <fc2:FormTypeCode>SARX</fc2:Form>\n"u8.ToArray();

        SchemaValidationError finding = Assert.Single(Schemas.Validate(_sar.SchemaFileName, new MemoryStream(xml)), f => f.Line == 3);

        Assert.True(finding.IsError);
    }

    [Fact]
    public void An_unknown_schema_is_named_with_the_directory()
    {
        FileNotFoundException e = Assert.Throws<FileNotFoundException>(() => Schemas.Validate("EFL_NOPEXBatchSchema.xsd", new MemoryStream()));

        Assert.Contains("EFL_NOPEXBatchSchema.xsd", e.Message, StringComparison.Ordinal);
        Assert.Contains(Schemas.Directory, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_directory_is_refused_with_its_path()
    {
        string missing = Path.Combine(Path.GetTempPath(), "bourse-no-such-schemas-" + Environment.ProcessId);

        DirectoryNotFoundException e = Assert.Throws<DirectoryNotFoundException>(() => RegulatorySchemas.Load(missing));

        Assert.Contains(missing, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_locator_walks_up_to_the_shared_folder_unless_the_variable_names_one()
    {
        string root = Directory.CreateTempSubdirectory("bourse-locator-").FullName;
        try
        {
            string schemas = Directory.CreateDirectory(Path.Combine(root, RegulatorySchemas.SharedFinCenSchemaPath)).FullName;
            string start = Directory.CreateDirectory(Path.Combine(root, "repo", "tests", "bin", "Release")).FullName;
            string configured = Directory.CreateDirectory(Path.Combine(root, "configured")).FullName;

            Assert.Equal(schemas, RegulatorySchemas.LocateDefaultDirectory(start, configured: null));
            Assert.Equal(configured, RegulatorySchemas.LocateDefaultDirectory(start, configured));
            DirectoryNotFoundException wrong = Assert.Throws<DirectoryNotFoundException>(() => RegulatorySchemas.LocateDefaultDirectory(start, Path.Combine(root, "nope")));
            Assert.Contains(RegulatorySchemas.DirectoryEnvironmentVariable, wrong.Message, StringComparison.Ordinal);
            DirectoryNotFoundException none = Assert.Throws<DirectoryNotFoundException>(() => RegulatorySchemas.LocateDefaultDirectory(Path.GetPathRoot(root), configured: null));
            Assert.Contains(RegulatorySchemas.SharedFinCenSchemaPath, none.Message, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    [Theory]
    [InlineData("EFL_SARXBatchSchema.xsd", "RawPartyFullName", FinCenLimits.FullName)]
    [InlineData("EFL_SARXBatchSchema.xsd", "RawEntityIndividualLastName", FinCenLimits.FullName)]
    [InlineData("EFL_SARXBatchSchema.xsd", "RawIndividualFirstName", FinCenLimits.FirstName)]
    [InlineData("EFL_SARXBatchSchema.xsd", "RawCityText", FinCenLimits.Text50)]
    [InlineData("EFL_SARXBatchSchema.xsd", "RawStreetAddress1Text", FinCenLimits.StreetAddress)]
    [InlineData("EFL_SARXBatchSchema.xsd", "RawStateCodeText", FinCenLimits.StateCode)]
    [InlineData("EFL_SARXBatchSchema.xsd", "RawZIPCode", FinCenLimits.ZipCode)]
    [InlineData("EFL_SARXBatchSchema.xsd", "PhoneNumberText", FinCenLimits.PhoneNumber)]
    [InlineData("EFL_SARXBatchSchema.xsd", "PartyIdentificationNumberText", FinCenLimits.IdentificationNumber)]
    [InlineData("EFL_SARXBatchSchema.xsd", "AccountNumberText", FinCenLimits.AccountNumber)]
    [InlineData("EFL_SARXBatchSchema.xsd", "OtherSuspiciousActivityTypeText", FinCenLimits.Text50)]
    [InlineData("EFL_SARXBatchSchema.xsd", "TotalSuspiciousAmountText", FinCenLimits.Amount)]
    [InlineData("EFL_SARXBatchSchema.xsd", "ActivityNarrativeText", FinCenLimits.NarrativeBlock)]
    [InlineData("EFL_CTRXBatchSchema.xsd", "RawPartyFullName", FinCenLimits.FullName)]
    [InlineData("EFL_CTRXBatchSchema.xsd", "RawEntityIndividualLastName", FinCenLimits.FullName)]
    [InlineData("EFL_CTRXBatchSchema.xsd", "RawIndividualFirstName", FinCenLimits.FirstName)]
    [InlineData("EFL_CTRXBatchSchema.xsd", "AccountNumberText", FinCenLimits.AccountNumber)]
    [InlineData("EFL_CTRXBatchSchema.xsd", "TotalCashInReceiveAmountText", FinCenLimits.Amount)]
    [InlineData("EFL_CTRXBatchSchema.xsd", "OtherForeignCurrencyCountryText", FinCenLimits.CountryCode)]
    public void The_writers_maximum_lengths_are_the_schemas(string schemaFile, string element, int maxLength)
    {
        XmlSchemaSet set = new() { XmlResolver = null };
        set.Add(null, Path.Combine(Schemas.Directory, schemaFile));
        set.Compile();

        int[] declared = [.. Elements(set).Where(e => e.QualifiedName.Name == element).Select(MaxLength).Distinct()];

        Assert.Equal([maxLength], declared);
    }

    private static IEnumerable<XmlSchemaElement> Elements(XmlSchemaSet set)
    {
        var seen = new HashSet<XmlSchemaType>();
        var pending = new Stack<XmlSchemaParticle>(set.GlobalElements.Values.Cast<XmlSchemaElement>());
        while (pending.TryPop(out XmlSchemaParticle? particle))
        {
            if (particle is XmlSchemaGroupBase group)
            {
                foreach (XmlSchemaParticle item in group.Items.OfType<XmlSchemaParticle>())
                {
                    pending.Push(item);
                }
            }
            else if (particle is XmlSchemaElement element)
            {
                yield return element;
                if (element.ElementSchemaType is XmlSchemaComplexType complex && seen.Add(complex))
                {
                    pending.Push(complex.ContentTypeParticle);
                }
            }
        }
    }

    private static int MaxLength(XmlSchemaElement element) =>
        element.ElementSchemaType is XmlSchemaSimpleType { Content: XmlSchemaSimpleTypeRestriction restriction }
            ? restriction.Facets.OfType<XmlSchemaMaxLengthFacet>().Select(f => int.Parse(f.Value!, System.Globalization.CultureInfo.InvariantCulture)).Single()
            : -1;
}
