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

    private FinCenXmlWriter(Stream output)
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

    /// <summary>
    /// Writes a whole batch: the declaration, <c>EFilingBatchXML</c> with its totals (then <paramref name="moreAttributes"/>),
    /// the form type, one <c>Activity</c> per filing; then checks that the parties written are the <c>PartyCount</c> the
    /// root declared, since FinCEN rejects a batch whose counts disagree.
    /// </summary>
    public static void WriteBatch<TFiling>(
        Stream output,
        string formTypeCode,
        decimal totalAmount,
        int partyCount,
        IReadOnlyList<TFiling> filings,
        Action<FinCenXmlWriter, TFiling> writeActivity,
        params (string Name, string Value)[] moreAttributes)
    {
        using var writer = new FinCenXmlWriter(output);
        XmlWriter xml = writer._xml;
        xml.WriteStartDocument();
        xml.WriteStartElement(Prefix, "EFilingBatchXML", Namespace);
        xml.WriteAttributeString("TotalAmount", totalAmount.ToString("0", CultureInfo.InvariantCulture));
        xml.WriteAttributeString("PartyCount", partyCount.ToString(CultureInfo.InvariantCulture));
        xml.WriteAttributeString("ActivityCount", filings.Count.ToString(CultureInfo.InvariantCulture));
        foreach ((string name, string value) in moreAttributes)
        {
            xml.WriteAttributeString(name, value);
        }

        writer.Value("FormTypeCode", formTypeCode);
        foreach (TFiling filing in filings)
        {
            writeActivity(writer, filing);
        }

        xml.WriteEndElement();
        xml.WriteEndDocument();
        xml.Flush();
        if (writer.PartiesWritten != partyCount)
        {
            throw new InvalidOperationException($"{formTypeCode} batch: PartyCount says {partyCount} but {writer.PartiesWritten} parties were written");
        }
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
