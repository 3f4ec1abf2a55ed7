using System.Xml.Linq;

namespace Bourse.Domain.Tests.Reporting;

/// <summary>Reads written batches back for assertions.</summary>
internal static class FinCenXml
{
    public static readonly XNamespace Fc = "www.fincen.gov/base";

    public static XDocument Parse(byte[] file)
    {
        using var input = new MemoryStream(file);
        return XDocument.Load(input);
    }

    public static IReadOnlyList<XElement> Activities(XDocument doc) => [.. doc.Root!.Elements(Fc + "Activity")];

    /// <summary>The filing's top-level party of <paramref name="partyType"/>.</summary>
    public static XElement Party(XElement activity, string partyType) =>
        activity.Elements(Fc + "Party").Single(p => (string?)p.Element(Fc + "ActivityPartyTypeCode") == partyType);

    /// <summary>The filing whose subject (SAR 33) or customer (CTR 50/23) has an account numbered "A-" + customer id.</summary>
    public static XElement ActivityOf(XDocument doc, string customerId) =>
        Activities(doc).Single(a => a.Descendants(Fc + "AccountNumberText").Any(n => n.Value == "A-" + customerId));

    public static string Text(XElement scope, string name, bool optional = false) =>
        scope.Descendants(Fc + name).FirstOrDefault()?.Value ?? (optional ? string.Empty : throw new InvalidOperationException($"no {name} in {scope.Name.LocalName}"));
}
