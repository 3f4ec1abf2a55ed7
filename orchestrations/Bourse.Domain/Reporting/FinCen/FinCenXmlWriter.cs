using System.Globalization;
using System.Text;
using System.Xml;

namespace Bourse.Domain.Reporting.FinCen;

/// <summary>
/// Streams one FinCEN batch: elements in the <c>www.fincen.gov/base</c> namespace with FinCEN's <c>fc2</c> prefix, a
/// <c>SeqNum</c> unique in the file on every element that takes one (1, 2, 3, ... in document order), and a count of
/// the <c>Party</c> elements written so that the root's <c>PartyCount</c> can be checked against them.
/// </summary>
/// <remarks>
/// UTF-8 without a byte order mark: FinCEN requires UTF-8 and the declaration says so; a BOM adds nothing for a UTF-8
/// file and some batch tools reject bytes before <c>&lt;?xml</c>. Line feeds only, two-space indent: the same batch
/// gives the same bytes on every platform.
/// </remarks>
internal sealed class FinCenXmlWriter : IDisposable
{
    /// <summary>The schemas' target namespace.</summary>
    public const string Namespace = "www.fincen.gov/base";

    private const string Prefix = "fc2";

    private readonly XmlWriter _xml;
    private long _seqNum;

    public FinCenXmlWriter(Stream output)
    {
        _xml = XmlWriter.Create(output, new XmlWriterSettings
        {
            Encoding = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false),
            Indent = true,
            IndentChars = "  ",
            NewLineChars = "\n",
            NewLineHandling = NewLineHandling.Replace,
            CloseOutput = false,
        });
    }

    /// <summary>How many <c>Party</c> elements (nested ones included) were started.</summary>
    public int PartiesWritten { get; private set; }

    /// <summary>Writes the declaration and starts <c>EFilingBatchXML</c> with <paramref name="attributes"/> (in that order).</summary>
    public void StartBatch(params (string Name, string Value)[] attributes)
    {
        _xml.WriteStartDocument();
        _xml.WriteStartElement(Prefix, "EFilingBatchXML", Namespace);
        foreach ((string name, string value) in attributes)
        {
            _xml.WriteAttributeString(name, value);
        }
    }

    /// <summary>Ends the batch and the document, and flushes.</summary>
    public void EndBatch()
    {
        _xml.WriteEndElement();
        _xml.WriteEndDocument();
        _xml.Flush();
    }

    /// <summary>Starts <paramref name="name"/> with the next <c>SeqNum</c>.</summary>
    public void Start(string name)
    {
        _xml.WriteStartElement(Prefix, name, Namespace);
        _xml.WriteAttributeString("SeqNum", (++_seqNum).ToString(CultureInfo.InvariantCulture));
        if (string.Equals(name, "Party", StringComparison.Ordinal))
        {
            PartiesWritten++;
        }
    }

    /// <summary>Ends the element last started.</summary>
    public void End() => _xml.WriteEndElement();

    /// <summary>An element (no <c>SeqNum</c>) whose text is <paramref name="value"/> as is: codes, dates, amounts.</summary>
    public void Value(string name, string value) => _xml.WriteElementString(Prefix, name, Namespace, value);

    /// <summary>An element whose text is <paramref name="value"/> made to fit the schema (<see cref="FinCenText.Fit"/>).</summary>
    public void Text(string name, string? value, int maxLength) => Value(name, FinCenText.Fit(value, maxLength));

    /// <summary>An indicator set: <c>Y</c>.</summary>
    public void Yes(string name) => Value(name, "Y");

    /// <summary>An indicator that the schema requires but that is not set: empty.</summary>
    public void Blank(string name) => Value(name, string.Empty);

    /// <summary>A yyyyMMdd date, the schemas' date format.</summary>
    public void Date(string name, DateOnly date) => Value(name, Format(date));

    /// <summary><paramref name="date"/> as yyyyMMdd.</summary>
    public static string Format(DateOnly date) => date.ToString("yyyyMMdd", CultureInfo.InvariantCulture);

    public void Dispose() => _xml.Dispose();
}
