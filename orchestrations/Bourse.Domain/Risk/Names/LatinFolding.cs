using System.Collections.Frozen;

namespace Bourse.Domain.Risk.Names;

/// <summary>
/// Latin letters with diacritics (and ligatures, and letters with a stroke that have no decomposition) to the ASCII letters
/// a person would type for them: <c>é</c> → <c>e</c>, <c>ß</c> → <c>ss</c>, <c>Ø</c> → <c>o</c>, <c>ﬁ</c> → <c>fi</c>.
/// </summary>
/// <remarks>
/// Why a table and not <see cref="string.Normalize(System.Text.NormalizationForm)"/>: the build sets
/// <c>InvariantGlobalization</c>, and in that mode .NET does not normalize non-ASCII text at all (it returns the string
/// unchanged), so NFD-then-strip would silently keep every accent. A table also gives the same answer on every host,
/// which a screening decision needs. It covers Latin-1 Supplement, Latin Extended-A and -B and Latin Extended Additional
/// (Vietnamese); decomposed input (a letter followed by combining marks) is handled by stripping the marks.
/// </remarks>
internal static class LatinFolding
{
    // Each row: what the letters fold to, then the letters (both cases; folding happens after lower-casing, but
    // lower-casing in invariant mode leaves some capitals alone, such as U+0130 'İ').
    private static readonly (string To, string From)[] Rows =
    [
        ("a", "ÀÁÂÃÄÅàáâãäåĀāĂăĄąǍǎǞǟǠǡǺǻȀȁȂȃȦȧḀḁẚẠạẢảẤấẦầẨẩẪẫẬậẮắẰằẲẳẴẵẶặ"),
        ("b", "ḂḃḄḅḆḇƀ"),
        ("c", "ÇçĆćĈĉĊċČčḈḉ"),
        ("d", "ĎďḊḋḌḍḎḏḐḑḒḓĐđÐð"),
        ("e", "ÈÉÊËèéêëĒēĔĕĖėĘęĚěȄȅȆȇȨȩḔḕḖḗḘḙḚḛḜḝẸẹẺẻẼẽẾếỀềỂểỄễỆệ"),
        ("f", "Ḟḟ"),
        ("g", "ĜĝĞğĠġĢģǦǧǴǵḠḡǤǥ"),
        ("h", "ĤĥȞȟḢḣḤḥḦḧḨḩḪḫẖĦħ"),
        ("i", "ÌÍÎÏìíîïĨĩĪīĬĭĮįİǏǐȈȉȊȋḬḭḮḯỈỉỊịı"),
        ("j", "Ĵĵǰ"),
        ("k", "ĶķǨǩḰḱḲḳḴḵĸ"),
        ("l", "ĹĺĻļĽľḶḷḸḹḺḻḼḽŁłĿŀ"),
        ("m", "ḾḿṀṁṂṃ"),
        ("n", "ÑñŃńŅņŇňǸǹṄṅṆṇṈṉṊṋŉ"),
        ("o", "ÒÓÔÕÖòóôõöŌōŎŏŐőƠơǑǒǪǫǬǭȌȍȎȏȪȫȬȭȮȯȰȱṌṍṎṏṐṑṒṓỌọỎỏỐốỒồỔổỖỗỘộỚớỜờỞởỠỡỢợØøǾǿ"),
        ("p", "ṔṕṖṗ"),
        ("r", "ŔŕŖŗŘřȐȑȒȓṘṙṚṛṜṝṞṟ"),
        ("s", "ŚśŜŝŞşŠšſȘșṠṡṢṣṤṥṦṧṨṩẛ"),
        ("t", "ŢţŤťȚțṪṫṬṭṮṯṰṱẗŦŧ"),
        ("u", "ÙÚÛÜùúûüŨũŪūŬŭŮůŰűŲųƯưǓǔǕǖǗǘǙǚǛǜȔȕȖȗṲṳṴṵṶṷṸṹṺṻỤụỦủỨứỪừỬửỮữỰự"),
        ("v", "ṼṽṾṿ"),
        ("w", "ŴŵẀẁẂẃẄẅẆẇẈẉẘ"),
        ("x", "ẊẋẌẍ"),
        ("y", "ÝýÿŶŷŸȲȳẎẏẙỲỳỴỵỶỷỸỹ"),
        ("z", "ŹźŻżŽžẐẑẒẓẔẕ"),
        ("ae", "ÆæǢǣǼǽ"),
        ("oe", "Œœ"),
        ("ss", "ßẞ"),
        ("th", "Þþ"),
        ("ij", "Ĳĳ"),
        ("dz", "ǄǅǆǱǲǳ"),
        ("lj", "Ǉǈǉ"),
        ("nj", "Ǌǋǌ"),
        ("ng", "Ŋŋ"),
        ("ff", "ﬀ"),
        ("fi", "ﬁ"),
        ("fl", "ﬂ"),
        ("ffi", "ﬃ"),
        ("ffl", "ﬄ"),
        ("st", "ﬅﬆ"),
    ];

    private static readonly FrozenDictionary<char, string> Map = Rows
        .SelectMany(row => row.From.Select(c => KeyValuePair.Create(c, row.To)))
        .ToFrozenDictionary();

    /// <summary>The ASCII letters <paramref name="c"/> folds to, if it is one of the table's letters.</summary>
    public static bool TryFold(char c, out string? folded) => Map.TryGetValue(c, out folded);
}
